"""Exports: CSV for spreadsheets, JSON-LD for the web, NDJSON for mirrors."""

import csv
import io
import json
import tracemalloc
from datetime import date
from decimal import Decimal

import pgtrigger
import pytest
from django.core.cache import cache
from django.db import connection

from kbase.facts.models import Fact
from tests.factories import (
    CitationFactory,
    EntityFactory,
    FactFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_csv_starts_with_a_bom_and_keeps_korean(api):
    CitationFactory(fact=FactFactory(text_ko="전문가는 38명뿐이다", text_en="Only 38 experts"))
    raw = body_of(api.get("/api/v1/facts/csv/"))
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["text_ko"] == "전문가는 38명뿐이다"


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3",
                                       "@SUM(A1)"])
def test_csv_cells_that_would_run_as_formulas_are_neutralised(api, dangerous):
    CitationFactory(fact=FactFactory(text_en=dangerous))
    rows = list(csv.DictReader(io.StringIO(
        body_of(api.get("/api/v1/facts/csv/")).decode("utf-8-sig"))))
    assert rows[0]["text_en"] == "'" + dangerous


def test_the_csv_export_follows_the_filters_and_hides_drafts(api):
    FactFactory(text_en="kept", quantity_value=38, quantity_unit="persons",
                quantity_qualifier="exact")
    FactFactory(text_en="filtered out")
    # Matches the filter; only its status keeps it out.
    FactFactory(text_en="a draft", status=Fact.Status.DRAFT, quantity_value=38,
                quantity_unit="persons", quantity_qualifier="exact")
    raw = body_of(api.get("/api/v1/facts/csv/", {"unit": "persons"}))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["text_en"] for row in rows] == ["kept"]


def test_a_reader_gets_the_draft_the_filter_matches_in_the_csv(reader):
    FactFactory(text_en="a draft", status=Fact.Status.DRAFT, quantity_value=38,
                quantity_unit="persons", quantity_qualifier="exact")
    FactFactory(text_en="filtered out", status=Fact.Status.DRAFT)
    rows = csv_rows(reader.get("/api/v1/facts/csv/", {"unit": "persons"}))
    assert [row["text_en"] for row in rows] == ["a draft"]


def test_a_negative_quantity_stays_a_number_in_the_csv(api):
    CitationFactory(fact=FactFactory(text_en="fell", quantity_value=Decimal("-2.5"),
                                     quantity_unit="percent", quantity_qualifier="exact"))
    (row,) = csv_rows(api.get("/api/v1/facts/csv/"))
    assert row["quantity_value"] == "-2.5"


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))


def test_a_csv_row_holds_the_facts_topics_entities_and_citations_in_order(api):
    fact = FactFactory(text_en="Only 38 experts", quantity_value=Decimal("38.50"),
                       quantity_unit="persons", quantity_qualifier="exact",
                       as_of=date(2025, 7, 10), as_of_precision="day")
    fact.topics.add(TopicFactory(slug="visas"), TopicFactory(slug="ai-talent"))
    fact.entities.add(EntityFactory(slug="mois"), EntityFactory(slug="kaist"))
    second = CitationFactory(fact=fact, source=SourceFactory(slug="b-source"), quote="둘째")
    first = CitationFactory(fact=fact, source=SourceFactory(slug="z-source"), quote="첫째")
    assert first.pk > second.pk  # citations go in the order they were made
    (row,) = csv_rows(api.get("/api/v1/facts/csv/"))
    assert row == {
        "id": str(fact.public_id), "status": "published", "text_ko": fact.text_ko,
        "text_en": "Only 38 experts", "text_ko_origin": fact.text_ko_origin,
        "text_en_origin": fact.text_en_origin, "quantity_value": "38.5",
        "quantity_unit": "persons", "quantity_qualifier": "exact", "as_of": "2025-07-10",
        "as_of_precision": "day", "topics": "ai-talent, visas", "entities": "kaist, mois",
        "sources": "b-source | z-source", "quotes": "둘째 | 첫째",
        "url": f"/api/v1/facts/{fact.public_id}/"}


@pytest.mark.parametrize("count", [1, 30])
def test_the_csv_costs_the_same_queries_for_1_or_30_facts(api, django_assert_num_queries,
                                                          count):
    for _ in range(count):
        fact = CitationFactory(fact=FactFactory()).fact
        fact.topics.add(TopicFactory())
    with django_assert_num_queries(1):
        rows = csv_rows(api.get("/api/v1/facts/csv/"))
    assert len(rows) == count and all(row["topics"] and row["sources"] for row in rows)


def test_a_fact_is_a_schema_org_claim_in_json_ld(api):
    entity = EntityFactory(name_ko="딥시크", name_en="DeepSeek")
    citation = CitationFactory(fact=FactFactory(), quote="전문가는 38명뿐이다")
    citation.fact.entities.add(entity)
    response = api.get(f"/api/v1/facts/{citation.fact.public_id}/jsonld/")
    assert response["Content-Type"].startswith("application/ld+json")
    claim = json.loads(response.content)
    assert claim["@context"] == "https://schema.org"
    assert claim["@type"] == "Claim"
    assert {text["@language"] for text in claim["text"]} == {"ko", "en"}
    assert claim["appearance"][0]["@type"] == "CreativeWork"
    assert claim["firstAppearance"] == claim["appearance"][0]
    assert claim["citation"][0] == {
        "@type": "Quotation", "text": "전문가는 38명뿐이다", "inLanguage": "ko",
        "isPartOf": {"@id": claim["appearance"][0]["@id"]}}
    assert claim["about"][0]["name"] == "DeepSeek"


def test_the_json_ld_of_a_draft_is_hidden_from_anonymous_clients(api):
    fact = FactFactory(status=Fact.Status.DRAFT)
    assert api.get(f"/api/v1/facts/{fact.public_id}/jsonld/").status_code == 404


def test_the_dump_holds_every_published_fact_once(api):
    published = [CitationFactory(fact=FactFactory()).fact for _ in range(7)]
    FactFactory(status=Fact.Status.DRAFT)
    lines = body_of(api.get("/api/v1/facts/ndjson/")).decode().splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) \
        == sorted(str(fact.public_id) for fact in published)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_each_line_of_the_dump_is_the_fact_as_the_list_represents_it(api, language):
    for _ in range(3):
        fact = CitationFactory(fact=FactFactory()).fact
        fact.topics.add(TopicFactory())
    listed = {item["id"]: item for item in
              api.get("/api/v1/facts/", {"lang": language}).json()["results"]}
    lines = body_of(api.get("/api/v1/facts/ndjson/", {"lang": language})).decode().splitlines()
    dumped = [json.loads(line) for line in lines]
    assert {item["id"]: item for item in dumped} == listed
    assert len(dumped) == 3 and all(item["language"] == language for item in dumped)


@pytest.mark.parametrize("count", [1, 30])
def test_the_dump_costs_the_same_queries_for_1_or_30_facts(api, django_assert_num_queries,
                                                           count):
    for _ in range(count):
        CitationFactory(fact=FactFactory())
    # One batch of facts as JSON, then the empty batch that ends the dump.
    with django_assert_num_queries(2):
        lines = body_of(api.get("/api/v1/facts/ndjson/")).splitlines()
    assert len(lines) == count


def insert_facts(count: int) -> None:
    # A bulk load, as the benchmark does it: history triggers are for edits.
    with pgtrigger.ignore("facts.Fact:insert_insert"), connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO facts_fact (public_id, text_ko, text_en, text_ko_origin,
                text_en_origin, quantity_unit, quantity_qualifier, as_of_precision, status,
                status_reason, version, created_at, updated_at)
            SELECT gen_random_uuid(), '사실 ' || n || ' 번째 문장입니다',
                   'Fact number ' || n || ' in the dump', 'source', 'source', '', '',
                   'unknown', 'published', '', 1, now(), now()
            FROM generate_series(1, %s) AS n""", [count])


def peak_memory_streaming(api) -> tuple[int, int]:
    tracemalloc.start()
    lines = 0
    for chunk in api.get("/api/v1/facts/ndjson/").streaming_content:
        lines += chunk.count(b"\n")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return lines, peak


def test_the_dump_streams_50000_facts_in_flat_memory(api):
    insert_facts(5000)
    lines_small, peak_small = peak_memory_streaming(api)
    insert_facts(45000)
    lines_large, peak_large = peak_memory_streaming(api)
    assert (lines_small, lines_large) == (5000, 50000)
    # Ten times the facts, about the same memory: it grows with the batch, not the data.
    assert peak_large < peak_small * 1.5, (peak_small, peak_large)


@pytest.fixture
def dump_rate(settings):
    """Two whole-base downloads a minute, counted from nothing (the counts live in the
    shared cache); the API's other rates unlimited, as in the rest of the suite."""
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "dumps": "2/minute"}}


@pytest.mark.parametrize("client_fixture", ["api", "reader"])
def test_the_dumps_answer_429_past_their_rate_and_the_api_still_answers(
        request, dump_rate, client_fixture):
    client = request.getfixturevalue(client_fixture)
    FactFactory()
    assert client.get("/api/v1/facts/csv/").status_code == 200
    assert client.get("/api/v1/facts/ndjson/").status_code == 200
    for path in ("/api/v1/facts/csv/", "/api/v1/facts/ndjson/"):
        refused = client.get(path)
        assert refused.status_code == 429
        assert refused["Content-Type"] == "application/problem+json"
        assert 1 <= int(refused["Retry-After"]) <= 60
    assert client.get("/api/v1/facts/").status_code == 200
