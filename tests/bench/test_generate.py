"""The benchmark's data: what the generator writes without analysing each fact is
what kbase's own indexing would write for it."""

import random
from decimal import Decimal

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from bench.generate import (
    _english_prefix,
    _fill,
    _korean_prefix,
    _patterns,
    _vary,
    generate,
    korean_text,
    number_check,
)
from kbase.core.embeddings import embedder
from kbase.core.search import korean_highlight_words
from kbase.facts.embeddings import embeddings_to_build
from kbase.facts.models import Fact, FactAnalysis, FactEmbedding, FactSearchDocument
from kbase.facts.numbers import check_numbers
from kbase.facts.seed import read_seed
from kbase.sources.models import Source, SourceBrief
from kbase.sources.representation_sql import refresh_briefs_sql


@pytest.mark.parametrize("seed", range(3))
def test_generated_korean_highlights_are_kbases(seed):
    rng = random.Random(seed)
    entities = [entity["name_ko"] for entity in read_seed()["entities"]]
    for pattern in _patterns():
        for entity_ko in entities:
            text, highlight = korean_text(pattern, _vary(pattern, rng),
                                          rng.randrange(2015, 2027), entity_ko)
            assert highlight == korean_highlight_words(text), text


@pytest.mark.parametrize("seed", range(3))
def test_generated_number_checks_are_kbases(seed):
    rng = random.Random(seed)
    entities = [(entity["name_ko"], entity["name_en"]) for entity in read_seed()["entities"]]
    for pattern in _patterns():
        for entity_ko, entity_en in entities:
            for year in range(2015, 2027):
                varied = _vary(pattern, rng)
                korean = (_korean_prefix(year, entity_ko), _fill(pattern.text_ko, varied))
                english = (_english_prefix(year, entity_en), _fill(pattern.text_en, varied))
                quantity = Decimal(varied.get(pattern.quantity, pattern.quantity)) \
                    if pattern.quantity is not None else None
                # The parts joined are the fact's Korean text as the loader writes it.
                assert " ".join(korean) == korean_text(pattern, varied, year, entity_ko)[0]
                assert number_check(korean, english, quantity) == check_numbers(
                    text_ko=" ".join(korean), text_en=" ".join(english), quantity=quantity)


def test_varied_numbers_are_each_replaced_once():
    # 28 becomes 42 and 42 becomes 50: the new 42 is not replaced again.
    text = "연구자의 28%가 중국, 42%가 미국에 있다 (E-7-42 비자)"
    assert _fill(text, {"28": "42", "42": "50"}) == \
        "연구자의 42%가 중국, 50%가 미국에 있다 (E-7-42 비자)"


@pytest.mark.django_db(transaction=True)
def test_generated_facts_have_their_search_documents_analyses_and_embeddings():
    call_command("load_seed", verbosity=0)
    seeded = list(Fact.objects.values_list("id", flat=True))
    report = generate(facts=60, progress=False)
    documents = dict(FactSearchDocument.objects.values_list("fact_id", "status"))
    facts = dict(Fact.objects.values_list("id", "status"))
    # The loader writes each document's status (its trigger is off for the load).
    assert documents == facts
    assert set(FactAnalysis.objects.values_list("fact_id", flat=True)) == set(facts)
    assert {status for status in facts.values()} >= {"published", "draft"}
    # Both texts of every fact embedded (a generated one with its pattern's vectors),
    # none stale, and the HNSW index built again, its time reported.
    assert FactEmbedding.objects.count() == 2 * len(facts)
    assert embeddings_to_build(fact_ids=None) == []
    assert report.rows["fact embeddings"] == 120
    assert report.seconds["hnsw index"] > 0
    # Each generated text holds its pattern's vector, as the model embeds the
    # pattern's text (written in binary: the vector as it was, to half precision).
    model = embedder()
    known = np.concatenate([model.passages([p.text_ko, p.text_en]) for p in _patterns()])
    stored = np.array(list(FactEmbedding.objects.exclude(
        fact_id__in=seeded).values_list("embedding", flat=True)), dtype=np.float32)
    assert len(stored) == 120
    assert np.abs(stored[:, None, :] - known[None, :, :]).max(axis=2).min(axis=1).max() < 1e-3
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'fact_embedding_hnsw'")
        assert cursor.fetchone() == (1,)
    # And each source's brief, as the sources' trigger (off too) would.
    def briefs() -> dict:
        return {source_id: (ko, en) for source_id, ko, en in
                SourceBrief.objects.values_list("source_id", "brief_ko", "brief_en")}

    generated = briefs()
    assert set(generated) == set(Source.objects.values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(refresh_briefs_sql("true"))
    assert briefs() == generated


def _schema() -> dict[str, set]:
    queries = {
        "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), "
                       "convalidated FROM pg_constraint "
                       "WHERE connamespace = 'public'::regnamespace",
        "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
        "triggers": "SELECT tgrelid::regclass::text, tgname, tgenabled FROM pg_trigger "
                    "WHERE NOT tgisinternal",
    }
    schema = {}
    with connection.cursor() as cursor:
        for name, query in queries.items():
            cursor.execute(query)
            schema[name] = set(cursor.fetchall())
    return schema


@pytest.mark.django_db(transaction=True)
def test_the_load_leaves_the_schema_as_migrate_made_it():
    # The loader drops indexes and foreign keys and turns triggers off for the load:
    # each is back, validated, when it ends.
    call_command("load_seed", verbosity=0)
    before = _schema()
    assert any("FOREIGN KEY (fact_id) REFERENCES facts_fact(id)" in constraint[2]
               for constraint in before["constraints"])
    generate(facts=30, progress=False)
    assert _schema() == before
