"""Each fact's texts are embedded once its write commits, kept current, and rebuilt by
`manage.py embed_facts` when missing or stale."""

import hashlib

import pytest
from django.core.management import call_command
from django.db import connection

from kbase.core.embeddings import embedder
from kbase.facts import services
from kbase.facts.embeddings import embeddings_write, fact_embeddings_refresh
from kbase.facts.models import FactEmbedding

pytestmark = pytest.mark.django_db

KO = "E-7-S 비자로 체류 중인 전문가는 38명뿐이다."
EN = "Only 38 experts reside in Korea under the E-7-S visa."


def _rows(fact) -> dict[str, tuple[str, bytes, str]]:
    return {row.language: (row.model, bytes(row.digest), str(row.embedding))
            for row in FactEmbedding.objects.filter(fact=fact)}


def test_a_fact_is_embedded_in_both_languages_once_its_write_commits(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fact = services.fact_create(text_ko=KO, text_en=EN)
        assert _rows(fact) == {}  # not inside the write's transaction
    rows = _rows(fact)
    assert set(rows) == {"ko", "en"}
    assert rows["ko"][:2] == (embedder().name, hashlib.sha256(KO.encode()).digest())
    assert rows["en"][1] == hashlib.sha256(EN.encode()).digest()


def test_a_write_that_never_commits_embeds_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        fact = services.fact_create(text_ko=KO, text_en=EN)
    assert len(callbacks) == 1
    assert _rows(fact) == {}


def test_changing_one_text_embeds_that_text_again_and_emptying_one_drops_it(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fact = services.fact_create(text_ko=KO, text_en=EN)
    before = _rows(fact)
    with django_capture_on_commit_callbacks(execute=True):
        fact = services.fact_update(fact=fact, text_en="Only 40 experts live in Korea.")
    after = _rows(fact)
    assert after["ko"] == before["ko"]
    assert after["en"][1] == hashlib.sha256(b"Only 40 experts live in Korea.").digest()
    assert after["en"][2] != before["en"][2]
    with django_capture_on_commit_callbacks(execute=True):
        services.fact_update(fact=fact, text_en="")
    assert set(_rows(fact)) == {"ko"}


def test_an_embedding_of_a_text_changed_meanwhile_is_not_written():
    fact = services.fact_create(text_ko=KO, text_en=EN)
    written = embeddings_write([(fact.pk, "en", "38 experts, as the fact said before")],
                               model=embedder())
    assert written == 0
    assert _rows(fact) == {}


def test_embed_facts_builds_the_missing_and_stale_embeddings_and_only_those(capsys):
    first = services.fact_create(text_ko=KO, text_en=EN)  # never committed: none
    second = services.fact_create(text_ko="중국은 매년 150만 명의 공대 졸업생을 배출한다.")
    fact_embeddings_refresh(fact_ids=[second.pk])
    kept = _rows(second)
    # A change made behind the services' back leaves the embedding stale.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE facts_fact SET text_ko = '중국은 매년 공대 졸업생 150만 명을 "
                       "배출한다.' WHERE id = %s", [second.pk])
    call_command("embed_facts")
    assert capsys.readouterr().out.strip() == "3 texts embedded"
    assert set(_rows(first)) == {"ko", "en"}
    assert _rows(second)["ko"][2] != kept["ko"][2]
    call_command("embed_facts")
    assert capsys.readouterr().out.strip() == "0 texts embedded"
