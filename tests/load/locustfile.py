"""The load test's simulated clients (locust): anonymous readers and token editors.

Run by `tests/load/run.py` (`make loadtest`) and `tests/load/test_load.py`, which pass
the editors' tokens in LOADTEST_TOKENS (comma-separated). Every response is checked
for the exact status it must have; anything else is a failure. Each editor only ever
touches the facts it created, so a 412 (stale If-Match) would be a real bug, not a
race the test provoked.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid
from urllib.parse import quote, urlsplit

from locust import FastHttpUser, between, events, task

from tests.helpers import http_request

# Production settings redirect plain HTTP to HTTPS unless a proxy says otherwise.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
SEARCHES = ["비자", "전문가", "오픈AI 인재", "반도체", "visa", "experts", "AI talent",
            '"research funding"', "Korea -Japan"]
FILTERS = ["lang=ko", "lang=en", "has_en=true", "has_ko=true", "ordering=updated_at",
           "quantity_min=1", "as_of_after=2020-01-01", "source_language=ko",
           "fields=id,text,status", "brief=true", "page_size=50"]


def _path(url: str) -> str:
    """A link the API gave (absolute, https) as a path on the server under test."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _expect(response, *statuses: int) -> bool:
    if response.status_code in statuses:
        response.success()
        return True
    text = (response.text or "")[:300]
    response.failure(f"{response.status_code} (expected {statuses}): {response.error or text}")
    return False


class Catalogue:
    """What the readers pick from, read once from the API at the start."""

    fact_ids: list[str] = []
    source_ids: list[int] = []
    source_urls: list[str] = []
    topics: list[str] = []


@events.test_start.add_listener
def read_catalogue(environment, **kwargs) -> None:
    def get(path: str):
        status, _, body = http_request("GET", environment.host + path, headers=PROXY_HEADERS,
                                       timeout=30)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)

    Catalogue.fact_ids = [fact["id"] for fact in get("/api/v1/facts/?page_size=200")["results"]]
    sources = get("/api/v1/sources/?page_size=200")["results"]
    Catalogue.source_ids = [source["id"] for source in sources]
    Catalogue.source_urls = [source["url"] for source in sources if source.get("url")]
    topics = get("/api/v1/topics/")
    topics = topics["results"] if isinstance(topics, dict) else topics
    Catalogue.topics = [topic["slug"] for topic in topics]


class Reader(FastHttpUser):
    """An anonymous client of the public API: lists, pages, details, search, lookup, CSV."""

    weight = 4
    wait_time = between(0.2, 1.0)
    default_headers = {**PROXY_HEADERS, "Accept-Language": "ko"}

    def on_start(self) -> None:
        self.etags: dict[str, str] = {}

    @task(4)
    def browse_the_list(self) -> None:
        path = "/api/v1/facts/?page_size=20"
        for page in range(random.randint(1, 3)):
            name = "facts: list" if page == 0 else "facts: list, next page"
            with self.client.get(path, name=name, catch_response=True) as response:
                if not _expect(response, 200):
                    return
                following = response.json().get("next")
            if not following:
                return
            path = _path(following)

    @task(2)
    def filter_the_list(self) -> None:
        choices = [*FILTERS, *(f"topic={slug}" for slug in Catalogue.topics[:10])]
        query = "&".join(random.sample(choices, 2))
        with self.client.get(f"/api/v1/facts/?{query}", name="facts: filtered",
                             catch_response=True) as response:
            _expect(response, 200)

    @task(4)
    def read_a_fact(self) -> None:
        fact_id = random.choice(Catalogue.fact_ids)
        path = f"/api/v1/facts/{fact_id}/"
        etag = self.etags.get(fact_id)
        if etag is None:
            with self.client.get(path, name="facts: detail", catch_response=True) as response:
                if _expect(response, 200):
                    self.etags[fact_id] = response.headers["ETag"]
            return
        # Seen before: revalidate. Readers only read published seed facts nobody edits.
        with self.client.get(path, name="facts: detail, If-None-Match",
                             headers={"If-None-Match": etag}, catch_response=True) as response:
            _expect(response, 304)

    @task(3)
    def search(self) -> None:
        term = random.choice(SEARCHES)
        name = "search: ko" if any("가" <= c <= "힣" for c in term) else "search: en"
        with self.client.get(f"/api/v1/search/?q={quote(term)}", name=name,
                             catch_response=True) as response:
            _expect(response, 200)

    @task(1)
    def look_up_a_source(self) -> None:
        url = random.choice(Catalogue.source_urls)
        # A variant of the link, as readers paste them: plain http, a tracking parameter.
        variant = (url.replace("https://", "http://", 1) + ("&" if "?" in url else "?")
                   + "utm_source=newsletter")
        with self.client.get(f"/api/v1/sources/lookup/?url={quote(variant, safe='')}",
                             name="sources: lookup", catch_response=True) as response:
            _expect(response, 200)

    @task(1)
    def export_csv(self) -> None:
        with self.client.get("/api/v1/facts/csv/?lang=en", name="facts: CSV export",
                             catch_response=True) as response:
            if _expect(response, 200) and not response.text.lstrip("\ufeff").startswith("id,"):
                response.failure("the CSV export has no header row")


_tokens = itertools.count()


class Editor(FastHttpUser):
    """An editor with a token of its own, writing only the facts it created."""

    weight = 1
    fixed_count = int(os.environ.get("LOADTEST_EDITORS", "0"))
    wait_time = between(0.5, 1.5)

    def __init__(self, *args, **kwargs) -> None:
        # Each editor its own account: the session takes its headers when it is made.
        tokens = os.environ["LOADTEST_TOKENS"].split(",")
        token = tokens[next(_tokens) % len(tokens)]
        self.default_headers = {**PROXY_HEADERS, "Authorization": f"Token {token}"}
        super().__init__(*args, **kwargs)
        self.facts: dict[str, dict] = {}  # public id -> {"etag", "status"}

    def _remember(self, response) -> None:
        body = response.json()
        self.facts[body["id"]] = {"etag": response.headers["ETag"], "status": body["status"]}

    def _quote(self) -> str:
        return f"load test quote {uuid.uuid4().hex[:12]}"

    @task(2)
    def create_a_fact(self) -> None:
        n = random.randint(1, 10_000)
        body = {"text_ko": f"부하 시험으로 만든 사실 {n}번: 전문가는 {n}명이다.",
                "text_en": f"Fact {n} made by the load test: there are {n} experts.",
                "quantity": {"value": str(n), "unit": "persons", "qualifier": "exact"},
                "citations": [{"source": random.choice(Catalogue.source_ids),
                               "quote": self._quote()}]}
        with self.client.post("/api/v1/facts/", json=body, name="editor: create fact",
                              catch_response=True) as response:
            if _expect(response, 201):
                self._remember(response)

    def _own_fact(self, *statuses: str) -> tuple[str, dict] | None:
        mine = [(fact_id, fact) for fact_id, fact in self.facts.items()
                if not statuses or fact["status"] in statuses]
        return random.choice(mine) if mine else None

    @task(3)
    def edit_a_fact(self) -> None:
        picked = self._own_fact()
        if picked is None:
            return self.create_a_fact()
        fact_id, fact = picked
        body = {"text_en": f"Edited by the load test ({uuid.uuid4().hex[:8]}).",
                "reason": "load test edit"}
        with self.client.patch(f"/api/v1/facts/{fact_id}/", json=body,
                               headers={"If-Match": fact["etag"]},
                               name="editor: PATCH with If-Match",
                               catch_response=True) as response:
            if _expect(response, 200):
                self._remember(response)

    @task(2)
    def cite_a_fact(self) -> None:
        picked = self._own_fact()
        if picked is None:
            return self.create_a_fact()
        fact_id, _ = picked
        body = {"source": random.choice(Catalogue.source_ids), "quote": self._quote()}
        with self.client.post(f"/api/v1/facts/{fact_id}/citations/", json=body,
                              name="editor: add citation", catch_response=True) as response:
            if not _expect(response, 201):
                return
        # A citation changes the fact's version: read it again for the new ETag.
        with self.client.get(f"/api/v1/facts/{fact_id}/", name="editor: fact detail",
                             catch_response=True) as response:
            if _expect(response, 200):
                self._remember(response)

    @task(2)
    def move_a_fact_along(self) -> None:
        picked = self._own_fact("draft", "review")
        if picked is None:
            return self.create_a_fact()
        fact_id, fact = picked
        action, body = (("review", {}) if fact["status"] == "draft"
                        else ("publish", {"reason": "checked by the load test"}))
        with self.client.post(f"/api/v1/facts/{fact_id}/{action}/", json=body,
                              headers={"If-Match": fact["etag"]}, name=f"editor: {action}",
                              catch_response=True) as response:
            if _expect(response, 200):
                self._remember(response)

    @task(1)
    def read_the_history(self) -> None:
        picked = self._own_fact()
        if picked is None:
            return self.create_a_fact()
        with self.client.get(f"/api/v1/facts/{picked[0]}/history/", name="editor: history",
                             catch_response=True) as response:
            if _expect(response, 200) and not response.json():
                response.failure("a fact the editor wrote has no history")
