"""Each rule of the representation is stated once in Python (for pages and exports,
which read model objects) and once in SQL (for the API's JSON, which PostgreSQL
builds), side by side in kbase.core.representation. These tests hold each pair
equal over every case of its rule, so that neither copy can drift alone."""

import uuid
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.db import connection
from psycopg import sql

from kbase.core.representation import (
    decimal_sql,
    decimal_text,
    fallback_sql,
    iso,
    iso_sql,
    name_in_sql,
    pick_language,
    served_language_sql,
)
from kbase.core.sqltext import sql_text
from kbase.facts.representation_sql import fact_path, fact_url_sql

pytestmark = pytest.mark.django_db


def one_value(template: str, **values) -> object:
    """`template` (a SQL expression of the row `t`, with `{language}` slots) run over
    a one-row table `t` of `values`."""
    columns = sql.SQL(", ").join(
        sql.SQL("{} AS {}").format(sql.Literal(value), sql.Identifier(name))
        for name, value in values.items() if name != "language")
    language = sql.Literal(values.get("language", "en"))
    query = sql.SQL("SELECT {} FROM (SELECT {}) AS t").format(
        sql.SQL(sql_text(template, language=language)), columns)
    with connection.cursor() as cursor:
        cursor.execute(query.as_string(None))
        return cursor.fetchone()[0]


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize(("ko", "en"), [("한국어", "English"), ("", "English"),
                                        ("한국어", ""), ("", "")])
def test_the_language_fallback_is_the_same_in_python_and_sql(language, ko, en):
    text, served, fallback = pick_language(ko, en, language)
    row = {"language": language, "x_ko": ko, "x_en": en}
    assert one_value(name_in_sql("t", "x"), **row) == text
    assert one_value(served_language_sql("t", "x"), **row) == served
    assert one_value(fallback_sql("t", "x"), **row) is fallback


@pytest.mark.parametrize("value", [
    datetime(2025, 7, 10, 4, 30, tzinfo=UTC),
    datetime(2025, 7, 10, 4, 30, 0, 120, tzinfo=UTC),
    datetime(2025, 7, 10, 13, 30, 5, 999999, tzinfo=timezone(timedelta(hours=9))),
    datetime(1999, 12, 31, 23, 59, 59, 1, tzinfo=UTC),
    None,
])
def test_times_are_written_the_same_in_python_and_sql(value):
    expected = iso(value.astimezone(UTC)) if value else None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {iso_sql('v')} FROM (SELECT %s::timestamptz AS v) AS t",
                       [value])
        assert cursor.fetchone()[0] == expected


@pytest.mark.parametrize("value", ["38.0000", "1.5000", "0.0000", "-2.2500", "1000000",
                                   "0.0001", "1E+3"])
def test_decimals_are_written_the_same_in_python_and_sql(value):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {decimal_sql('v')} FROM (SELECT %s::numeric(20, 4) AS v) AS t",
                       [Decimal(value)])
        assert cursor.fetchone()[0] == decimal_text(Decimal(value).quantize(Decimal("0.0001")))


def test_a_facts_link_is_the_same_in_python_and_sql():
    public_id = uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {fact_url_sql('v')} FROM (SELECT %s::uuid AS v) AS t",
                       [public_id])
        assert cursor.fetchone()[0] == fact_path(public_id)
