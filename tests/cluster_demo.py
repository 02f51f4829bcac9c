"""kbase beyond one machine, shown on this one: a PostgreSQL primary and a streaming
replica (pg_basebackup), two kbase servers on different ports over them, and what
a client sees through either server.

    make cluster-demo                 # prints each step and its result
    python -m tests.cluster_demo      # the same

tests/core/test_cluster.py runs the same steps in `make test`.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

from devtools.pgcluster import Pair, prepare_database, start_pair, stop_pair
from tests.helpers import http_request, running_server

MAX_LAG_SECONDS = 3
SETUP_SCRIPT = """
from django.contrib.auth import get_user_model
from kbase.core.services import admin_ensure, api_token_create
from tests.factories import SourceFactory
admin_ensure(username="admin", password="cluster-demo-only-1f9c")
print(api_token_create(user=get_user_model().objects.get(username="admin"), name="demo")[1],
      SourceFactory().pk)
"""
FACT = {"text_ko": "E-7-S 비자로 체류 중인 전문가는 {n}명뿐이다.",
        "text_en": "Only {n} experts reside in Korea under the E-7-S visa."}


class StepFailed(AssertionError):
    pass


class Client:
    """One HTTP client of one kbase server: anonymous, or with the editor's token."""

    def __init__(self, base: str, token: str | None = None, cookie: str | None = None):
        self.base, self.token, self.cookie = base, token, cookie

    def request(self, method: str, path: str, body=None, headers: dict | None = None):
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        if self.cookie:
            headers["Cookie"] = self.cookie
        status, response_headers, raw = http_request(method, self.base + path,
                                                     json_body=body, headers=headers)
        data = json.loads(raw) if raw and "json" in response_headers.get(
            "Content-Type", "") else raw
        return status, response_headers, data


def check(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


class Demo:
    def __init__(self, pair: Pair, a: str, b: str, token: str, source: int,
                 say: Callable[[str], None]):
        self.pair, self.say, self.source = pair, say, source
        self.a, self.b = Client(a), Client(b)
        self.editor_a, self.editor_b = Client(a, token), Client(b, token)
        self.facts: list[str] = []
        self.feed_seen: list[str] = []
        self.feed_facts: set[str] = set()
        self.feed_next = "/api/v1/changes/"
        self.steps: list[str] = []

    def step(self, title: str, action: Callable[[], str]) -> None:
        try:
            detail = action()
        except Exception as error:
            self.say(f"FAILED  {title}: {error}")
            raise
        self.steps.append(title)
        self.say(f"ok      {title}: {detail}")

    # --- what the steps do ----------------------------------------------------------

    def publish_fact(self, editor: Client) -> tuple[str, dict]:
        n = 100 + len(self.facts)
        status, _, created = editor.request(
            "POST", "/api/v1/facts/",
            {**{key: text.format(n=n) for key, text in FACT.items()},
             "citations": [{"source": self.source, "quote": "전문가는 38명뿐이다"}]})
        check(status == 201, f"create answered {status}: {created}")
        fact_id = created["id"]
        for action, body in (("review", {}), ("publish", {"reason": "checked"})):
            status, headers, answer = editor.request(
                "POST", f"/api/v1/facts/{fact_id}/{action}/", body)
            check(status == 200, f"{action} answered {status}: {answer}")
        self.facts.append(fact_id)
        return fact_id, headers

    def on_primary(self, fact_id: str) -> bool:
        return self.pair.primary.sql(
            f"SELECT status FROM facts_fact WHERE public_id = '{fact_id}'") == "published"

    def follow_feed(self) -> None:
        """An anonymous mirror reads the change feed to its end, through server B."""
        while True:
            status, headers, page = self.b.request("GET", self.feed_next)
            check(status == 200, f"the change feed answered {status}")
            check(headers.get("Kbase-Read-Database") == "default",
                  "the change feed was read from a replica")
            self.feed_seen += [event["id"] for event in page["results"]]
            self.feed_facts |= {event["object"]["fact_id"] for event in page["results"]}
            parts = urlsplit(page["next"])
            self.feed_next = f"{parts.path}?{parts.query}"
            if not page["results"]:
                return

    def readyz(self, client: Client) -> dict:
        status, _, body = client.request("GET", "/readyz")
        check(status == 200, f"/readyz answered {status}")
        return body["replicas"][0]

    def wait_for_replica(self, client: Client, status: str, timeout: float = 15) -> dict:
        deadline = time.monotonic() + timeout
        while (replica := self.readyz(client))["status"] != status:
            check(time.monotonic() < deadline, f"the replica stayed {replica}")
            time.sleep(0.2)
        return replica

    def anonymous_read(self, client: Client, fact_id: str) -> tuple[int, str]:
        status, headers, _ = client.request("GET", f"/api/v1/facts/{fact_id}/")
        return status, headers.get("Kbase-Read-Database", "?")

    # --- the steps ------------------------------------------------------------------

    def replicas_ready(self) -> str:
        states = [self.readyz(client) for client in (self.a, self.b)]
        check(all(state["status"] == "ok" for state in states), f"replicas: {states}")
        return f"/readyz on A and B: {states[0]}"

    def writes_land_on_the_primary(self) -> str:
        written = []
        for name, editor in (("A", self.editor_a), ("B", self.editor_b)):
            fact_id, headers = self.publish_fact(editor)
            check(self.on_primary(fact_id), f"the fact written through {name} is not on "
                                            "the primary")
            check(headers.get("Kbase-Read-Database") == "default",
                  f"a write through {name} read from {headers.get('Kbase-Read-Database')}")
            written.append(f"{fact_id[:8]} via {name}")
        self.follow_feed()
        return ", ".join(written) + " are published on the primary"

    def reads_come_from_the_replica(self) -> str:
        self.pair.wait_for_replay()
        answers = {name: self.anonymous_read(client, self.facts[0])
                   for name, client in (("A", self.a), ("B", self.b))}
        check(answers == {"A": (200, "replica1"), "B": (200, "replica1")},
              f"anonymous reads: {answers}")
        return f"anonymous reads through A and B answered {answers}"

    def both_servers_answer_alike(self) -> str:
        lists = [client.request("GET", "/api/v1/facts/?page_size=5") for client in (self.a,
                                                                                   self.b)]
        check(lists[0][0] == lists[1][0] == 200 and lists[0][2] == lists[1][2],
              "A and B listed different facts")
        _, headers, _ = self.a.request("GET", f"/api/v1/facts/{self.facts[0]}/")
        status, _, _ = self.b.request("GET", f"/api/v1/facts/{self.facts[0]}/",
                                      headers={"If-None-Match": headers["ETag"]})
        check(status == 304, f"B answered {status} to A's ETag")
        return "same list from A and B; B answers 304 to the ETag A gave"

    def writer_reads_its_own_write(self) -> str:
        # Make the replica's last replayed transaction recent, then stop its replay: it
        # now lags, but by less than the bound, so it stays in the read rotation.
        self.pair.primary.sql("SELECT pg_logical_emit_message(true, 'kbase', 'tick')")
        self.pair.wait_for_replay()
        self.pair.replica.sql("SELECT pg_wal_replay_pause()")
        fact_id, headers = self.publish_fact(self.editor_a)
        status, _, _ = self.editor_b.request("GET", f"/api/v1/facts/{fact_id}/")
        check(status == 200, f"the writer's own read through B answered {status}")
        marked = Client(self.b.base, cookie=f"kbase_recent_write={headers['Kbase-Recent-Write']}")
        cookie_read = self.anonymous_read(marked, fact_id)
        check(cookie_read == (200, "default"),
              f"a read with the recent-write cookie answered {cookie_read}")
        stale_read = self.anonymous_read(self.b, fact_id)
        check(stale_read == (404, "replica1"),
              f"an anonymous read without it answered {stale_read} (expected the "
              "replica's older copy: 404)")
        self.follow_feed()
        check(fact_id in self.feed_facts,
              "the change feed missed the new fact while the replica was behind")
        return ("token read 200, cookie read 200 from the primary, anonymous read 404 "
                "from the paused replica; the feed already lists the new fact")

    def lagging_replica_leaves_the_rotation(self) -> str:
        states = [self.wait_for_replica(client, "lagging") for client in (self.a, self.b)]
        answers = [self.anonymous_read(client, self.facts[-1]) for client in (self.a, self.b)]
        check(answers == [(200, "default")] * 2, f"anonymous reads: {answers}")
        return (f"past {MAX_LAG_SECONDS} s: {states[0]}; anonymous reads now come from the "
                "primary")

    def caught_up_replica_returns(self) -> str:
        self.pair.replica.sql("SELECT pg_wal_replay_resume()")
        self.pair.wait_for_replay()
        for client in (self.a, self.b):
            self.wait_for_replica(client, "ok")
        answers = [self.anonymous_read(client, self.facts[-1]) for client in (self.a, self.b)]
        check(answers == [(200, "replica1")] * 2, f"anonymous reads: {answers}")
        return f"replay resumed; anonymous reads answered {answers}"

    def stopped_replica_falls_back(self) -> str:
        self.pair.replica.stop(mode="immediate")
        # B still holds the replica in rotation: its first read fails there and runs
        # again on the primary; A finds the replica gone when it re-checks.
        answers = [self.anonymous_read(client, self.facts[-1])
                   for client in (self.b, self.a) for _ in range(5)]
        check(answers == [(200, "default")] * 10, f"anonymous reads: {answers}")
        fact_id, _ = self.publish_fact(self.editor_b)
        check(self.on_primary(fact_id), "a write with the replica down did not land")
        states = [self.readyz(client) for client in (self.a, self.b)]
        check(all(state["status"] == "unreachable" for state in states), f"{states}")
        return "10 anonymous reads through A and B: all 200 from the primary; /readyz 200 " \
               f"with {states[0]}"

    def change_feed_is_gap_free(self) -> str:
        self.follow_feed()
        followed = self.feed_seen
        self.feed_seen, self.feed_next = [], "/api/v1/changes/?page_size=200"
        self.follow_feed()
        check(followed == self.feed_seen, "following the feed step by step saw "
              f"{len(followed)} events, reading it at once {len(self.feed_seen)}")
        # What an anonymous mirror may see: the source, and (every fact here being
        # public now) each change made while a fact was public, and each change to
        # its citations after the transaction that made it public.
        public_changes = int(self.pair.primary.sql(
            "SELECT (SELECT count(*) FROM facts_factevent"
            "        WHERE status IN ('published', 'retracted', 'superseded'))"
            "     + (SELECT count(*) FROM facts_citationevent c WHERE c.pgh_created_at >"
            "        (SELECT min(f.pgh_created_at) FROM facts_factevent f"
            "         WHERE f.pgh_obj_id = c.fact_id"
            "           AND f.status IN ('published', 'retracted', 'superseded')))"
            "     + (SELECT count(*) FROM sources_sourceevent)"))
        check(len(followed) == public_changes,
              f"the feed served {len(followed)} events; the primary holds {public_changes}")
        return (f"{len(followed)} events followed across the steps: the same, in the same "
                "order, as one read of the whole feed and as the primary's history")

    def run(self) -> list[str]:
        self.step("both servers see the replica in rotation", self.replicas_ready)
        self.step("writes through either server land on the primary",
                  self.writes_land_on_the_primary)
        self.step("anonymous reads come from the replica", self.reads_come_from_the_replica)
        self.step("both servers give the same answers", self.both_servers_answer_alike)
        self.step("the writer reads its own write while the replica is behind",
                  self.writer_reads_its_own_write)
        self.step("a replica lagging past the bound leaves the read rotation",
                  self.lagging_replica_leaves_the_rotation)
        self.step("a replica that catches up returns to the rotation",
                  self.caught_up_replica_returns)
        self.step("stopping the replica sends reads to the primary, with no error",
                  self.stopped_replica_falls_back)
        self.step("the change feed stays gap-free", self.change_feed_is_gap_free)
        return self.steps


def demo(root: Path, say: Callable[[str], None] = print) -> list[str]:
    """Run every step in `root`; answers the steps that passed, or raises StepFailed."""
    began = time.monotonic()
    pair = start_pair(root)
    try:
        output = prepare_database(pair.primary.url, script=SETUP_SCRIPT)
        token, source = output.strip().splitlines()[-1].split()
        pair.wait_for_replay()
        say(f"ok      primary {pair.primary.url} and streaming replica {pair.replica.url} "
            f"({time.monotonic() - began:.1f} s)")
        env = {"DATABASE_URL": pair.primary.url, "DATABASE_REPLICA_URLS": pair.replica.url,
               "KBASE_ROUTING_HEADER": "true", "KBASE_REPLICA_MAX_LAG_SECONDS":
               str(MAX_LAG_SECONDS)}
        with ExitStack() as servers:
            # A re-checks the replica often; B trusts its last verdict for a minute (its
            # /readyz still checks at once), so B learns the replica is gone from a
            # failed read, which it retries on the primary.
            a = servers.enter_context(running_server(
                env={**env, "KBASE_REPLICA_CHECK_SECONDS": "0.5"}))
            b = servers.enter_context(running_server(
                env={**env, "KBASE_REPLICA_CHECK_SECONDS": "60"}))
            say(f"ok      kbase A on {a}, kbase B on {b}")
            steps = Demo(pair, a, b, token, int(source), say).run()
        say(f"all {len(steps)} steps passed in {time.monotonic() - began:.1f} s")
        return steps
    finally:
        stop_pair(pair)


def main() -> int:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbase.settings.test")
    root = Path(tempfile.mkdtemp(prefix="kbase-cluster-"))
    try:
        demo(root)
    except StepFailed:
        return 1
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
