"""Editors racing each other: exactly one write wins, the rest are told so."""

import json
import threading
import urllib.error
import urllib.request

import pytest

from kbase.core.services import api_token_create
from kbase.facts import services
from kbase.facts.models import Fact
from tests.factories import UserFactory


def request(url: str, *, method: str = "GET", token: str, body: dict | None = None,
            headers: dict | None = None) -> tuple[int, dict, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json",
        **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_patches_with_one_etag_let_exactly_one_through(live_server):
    user = UserFactory(username="racer", is_superuser=True)
    _token, token = api_token_create(user=user, name="racer")
    fact = services.fact_create(text_en="the original", user=user)
    url = f"{live_server.url}/api/v1/facts/{fact.public_id}/"
    _, headers, _ = request(url, token=token)
    etag = headers["ETag"]
    history_before = fact.events.count()

    statuses: list[int] = []
    start = threading.Barrier(20)

    def patch(n: int) -> None:
        start.wait()
        status, _, _ = request(url, method="PATCH", token=token,
                               body={"text_en": f"edit number {n}"},
                               headers={"If-Match": etag})
        statuses.append(status)

    threads = [threading.Thread(target=patch, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(statuses) == [200] + [412] * 19
    fact.refresh_from_db()
    assert fact.version == 2 and fact.text_en.startswith("edit number")
    assert fact.events.count() == history_before + statuses.count(200)
    assert Fact.objects.count() == 1
