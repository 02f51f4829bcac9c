"""Migrations that move data keep it, upgrading a knowledge base that has facts."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kbase.facts import services
from kbase.facts.models import Fact, FactAnalysis, FactSearchDocument
from tests.core.test_api_tokens import tables_holding
from tests.factories import CitationFactory, SourceFactory, UserFactory
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


def test_upgrading_keeps_drf_token_keys_working_and_drops_them_in_clear(api):
    user = UserFactory(username="newsdesk", is_superuser=True)
    key = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"  # DRF's keys: 40 hex digits
    _migrate([("core", "0001_api_token")])
    with connection.cursor() as cursor:  # DRF authtoken's table, as its migrations left it
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, "
                       "created timestamptz NOT NULL, user_id integer NOT NULL UNIQUE "
                       "REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, now(), %s)", [key, user.pk])
        cursor.execute("INSERT INTO django_migrations (app, name, applied) "
                       "VALUES ('authtoken', '0004_alter_tokenproxy_options', now())")
    _migrate()

    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.post("/api/v1/facts/", {"text_en": "Only 38 experts"}).status_code == 201
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('authtoken_token'), "
                       "(SELECT count(*) FROM django_migrations WHERE app = 'authtoken'), "
                       "(SELECT array_agg(prefix || ' ' || name) FROM core_apitoken)")
        assert cursor.fetchone() == (None, 0, [f"{key[:12]} API token (carried over)"])
    assert tables_holding(key) == []
