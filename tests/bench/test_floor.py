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


def test_the_floor_matches_claims_by_kbases_nearest_neighbour_query(api, monkeypatch,
                                                                  tmp_path):
    from kbase.core.embeddings import as_halfvec, embedder
    from kbase.facts.embeddings import fact_embeddings_refresh

    texts = [("중국은 매년 150만 명의 공대 졸업생을 배출한다.",
              "China produces 1.5 million engineering graduates every year."),
             ("E-7-S 비자로 체류 중인 전문가는 38명뿐이다.",
              "Only 38 experts reside in Korea under the E-7-S visa."),
             ("서울의 외국인 관광객은 지난해 1000만 명이었다.",
              "Seoul received 10 million foreign tourists last year.")]
    facts = [FactFactory(text_ko=ko, text_en=en) for ko, en in texts]
    FactFactory(status=Fact.Status.DRAFT, text_ko=texts[0][0], text_en=texts[0][1])
    fact_embeddings_refresh(fact_ids=None)
    claim = "How many engineers does China graduate each year?"
    vectors = tmp_path / "vectors.json"
    vectors.write_text(orjson.dumps([as_halfvec(embedder().query(claim))]).decode())
    monkeypatch.setenv("BENCH_CLAIM_VECTORS", str(vectors))
    floor.claim_vectors.cache_clear()

    kbase = api.get("/api/v1/match/", {"text": claim, "limit": 20}).json()["results"]
    found = floor_page("/match/", "claim=0")["results"]
    # The published facts only (not the draft with the same text), nearest first;
    # every fact kbase answers (those in its verdict bands) at the similarity kbase
    # computes for it, in kbase's representation.
    assert found[0]["fact"]["id"] == str(facts[0].public_id)
    assert len(found) == 3
    assert kbase and kbase[0]["fact"]["id"] == str(facts[0].public_id)
    floor_by_id = {r["fact"]["id"]: r for r in found}
    for result in kbase:
        assert floor_by_id[result["fact"]["id"]]["similarity"] == result["similarity"]
        assert floor_by_id[result["fact"]["id"]]["fact"] == result["fact"]
