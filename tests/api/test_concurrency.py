"""Editors racing each other: exactly one write wins, the rest are told so."""

import json
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from kbase.core.services import api_token_create
from kbase.facts import services
from kbase.facts.models import Citation, Fact
from tests.factories import CitationFactory, FactFactory, UserFactory


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


@contextmanager
def facts_held(*facts: Fact):
    """This connection holds the facts' rows locked until the block ends; `queued(n)`
    waits until n other transactions wait for a lock, so racing requests reach the
    database in a known order and meet there."""
    def queued(count: int) -> None:
        deadline = time.monotonic() + 20
        while True:
            with connection.cursor() as cursor:
                # A transaction sees one snapshot of the activity unless it asks again.
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                               "current_database() AND wait_event_type = 'Lock'")
                if cursor.fetchone()[0] >= count:
                    return
            assert time.monotonic() < deadline, "the requests never queued for the lock"
            time.sleep(0.05)

    with transaction.atomic():
        list(Fact.objects.select_for_update().filter(pk__in=[fact.pk for fact in facts]))
        yield queued


def race(live_server, token: str, held: list[Fact], calls: list[tuple]) -> list[int]:
    """Send `calls` (method, path, body) one after the other while `held` is locked,
    each queued behind the one before; then let them all through. Their statuses."""
    statuses: list[int] = [0] * len(calls)

    def call(index: int, method: str, path: str, body: dict | None) -> None:
        statuses[index] = request(f"{live_server.url}{path}", method=method, token=token,
                                  body=body)[0]

    threads = []
    with facts_held(*held) as queued:
        for index, (method, path, body) in enumerate(calls):
            thread = threading.Thread(target=call, args=(index, method, path, body))
            thread.start()
            threads.append(thread)
            queued(index + 1)
    for thread in threads:
        thread.join(timeout=30)
    return statuses


def citation_url(citation: Citation) -> str:
    return f"/api/v1/facts/{citation.fact.public_id}/citations/{citation.pk}/"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_deletes_leave_a_published_fact_one_citation(live_server, editor):
    token = editor.key
    fact = CitationFactory(fact=FactFactory()).fact
    first, second = fact.citations.get(), CitationFactory(fact=fact)
    statuses = race(live_server, token, [fact], [("DELETE", citation_url(first), None),
                                                 ("DELETE", citation_url(second), None)])
    assert statuses == [204, 409]
    assert list(fact.citations.all()) == [second]
    assert Fact.objects.get(pk=fact.pk).status == Fact.Status.PUBLISHED


@pytest.mark.django_db(transaction=True)
def test_publishing_while_the_last_citation_goes_publishes_nothing_uncited(live_server,
                                                                          editor):
    token = editor.key
    citation = CitationFactory(fact=FactFactory(status=Fact.Status.DRAFT))
    fact = citation.fact
    statuses = race(live_server, token, [fact], [
        ("DELETE", citation_url(citation), None),
        ("POST", f"/api/v1/facts/{fact.public_id}/publish/", {"reason": "checked"})])
    assert statuses == [204, 409]
    fact.refresh_from_db()
    assert fact.status == Fact.Status.DRAFT and not fact.citations.exists()


@pytest.mark.django_db(transaction=True)
def test_two_editors_superseding_each_others_fact_get_one_answer_each(live_server, editor):
    token = editor.key
    a, b = FactFactory(), FactFactory()
    assert a.pk < b.pk
    statuses = race(live_server, token, [a], [
        ("POST", f"/api/v1/facts/{b.public_id}/supersede/",
         {"replacement": str(a.public_id), "reason": "a is newer"}),
        ("POST", f"/api/v1/facts/{a.public_id}/supersede/",
         {"replacement": str(b.public_id), "reason": "b is newer"})])
    assert statuses == [200, 400]  # not a deadlock's 503
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status, b.superseded_by) == (Fact.Status.PUBLISHED,
                                                     Fact.Status.SUPERSEDED, a)
