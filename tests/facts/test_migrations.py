"""Migrations that move data keep it, upgrading a knowledge base that has facts."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kbase.facts import services
from kbase.facts.models import Fact, FactAnalysis, FactSearchDocument
from tests.factories import CitationFactory, SourceFactory
from tests.sources.test_briefs import cited_source

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(target: list[tuple[str, str]] | None = None) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(target or executor.loader.graph.leaf_nodes())


def _published(text_ko: str, text_en: str) -> Fact:
    fact = services.fact_create(text_ko=text_ko, text_en=text_en)
    services.citation_create(fact=fact, source=SourceFactory(), quote="인용문")
    return services.fact_publish(fact=fact, reason="test")


def test_upgrading_keeps_every_facts_status_number_check_and_highlight_words():
    published = _published("전문가는 38명뿐이다", "Only 38 experts")
    draft = services.fact_create(text_ko="인재 유출 150만 명", text_en="1.5 million left")
    expected = {row["fact_id"]: row for row in FactAnalysis.objects.values()}
    assert expected[published.pk]["highlight_words_ko"]
    assert expected[draft.pk]["number_check"]

    # Back to before the documents carried a status and before the analyses moved out.
    _migrate([("facts", "0008_factsearchdocument_created_at")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT fact_id, number_check, highlight_words_ko "
                       "FROM facts_factsearchdocument")
        rows = cursor.fetchall()
    # (Django leaves jsonb as text on a plain cursor.)
    assert {pk: (json.loads(check), json.loads(words)) for pk, check, words in rows} == {
        pk: (row["number_check"], row["highlight_words_ko"]) for pk, row in expected.items()}

    _migrate()
    assert {row["fact_id"]: row for row in FactAnalysis.objects.values()} == expected
    statuses = dict(FactSearchDocument.objects.values_list("fact_id", "status"))
    assert statuses == {published.pk: Fact.Status.PUBLISHED, draft.pk: Fact.Status.DRAFT}


def test_upgrading_writes_every_existing_sources_brief(api):
    citation = CitationFactory()
    _migrate([("sources", "0003_source_delete_delete")])
    _migrate()
    assert cited_source(api, citation)["title"] == citation.source.title_ko
