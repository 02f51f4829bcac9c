"""The benchmark's floor serves kbase's own pages: its ratios compare the work
around the same JSON, never a smaller answer."""

import orjson
import pytest
from django.db import connection

from bench import floor
from kbase.facts.models import Fact
from kbase.facts.services import discrepancy_create
from tests.factories import CitationFactory, EntityFactory, FactFactory, TopicFactory

pytestmark = pytest.mark.django_db


def floor_page(path: str, query: str = "") -> dict:
    # On the test's own connection, which sees the test's rows.
    status, body = floor.answer(path, query, connection=connection.connection)
    assert status == 200
    return orjson.loads(body)


@pytest.fixture
def facts() -> list[Fact]:
    facts = [CitationFactory(fact=FactFactory(), quote="38명").fact for _ in range(3)]
    facts[0].topics.add(TopicFactory())
    facts[1].entities.add(EntityFactory())
    second = CitationFactory(fact=facts[0])
    discrepancy_create(slug="count", fact=facts[0], aspect="number",
                       statements=[(second.source, "38")])
    FactFactory(status=Fact.Status.DRAFT)
    return facts


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_floor_list_page_is_kbases(api, facts, language):
    kbase = api.get("/api/v1/facts/", {"page_size": 50, "lang": language}).json()
    assert len(kbase["results"]) == 3
    assert floor_page("/facts/", f"limit=50&lang={language}")["results"] == kbase["results"]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_floor_fact_page_is_kbases(api, facts, language):
    path = f"/facts/{facts[0].public_id}/"
    kbase = api.get(f"/api/v1{path}", {"lang": language}).json()
    assert kbase["discrepancies"] and kbase["topics"]
    assert floor_page(path, f"lang={language}") == kbase


def test_the_floor_csv_holds_kbases_rows(api, facts):
    import csv
    import io

    source = facts[0].citations.first().source
    kbase = api.get("/api/v1/facts/csv/", {"source": source.pk})
    kbase_rows = list(csv.reader(io.StringIO(b"".join(kbase.streaming_content)
                                             .decode().lstrip("\ufeff"))))
    copied = b"".join(floor.csv_chunks(source.pk, connection=connection.connection))
    floor_rows = list(csv.reader(io.StringIO(copied.decode())))
    assert len(kbase_rows) == 2  # the header and the one published fact citing it
    assert floor_rows == kbase_rows
