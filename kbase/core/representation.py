"""The rules that turn stored values into API values, each stated once in Python
and once in SQL, side by side: Python for the pages and exports that read model
objects, SQL for the API's JSON, which PostgreSQL builds. tests/core/
test_representation.py holds each pair equal over every case of its rule.

The SQL functions return templates (kbase.core.sqltext) whose `{language}` slot is
the served language ('ko' or 'en')."""

from __future__ import annotations

from decimal import Decimal


def pick_language(ko: str, en: str, language: str) -> tuple[str, str, bool]:
    """The text in `language`, or honestly the other one: (text, served, fallback)."""
    preferred, other = (ko, en) if language == "ko" else (en, ko)
    if preferred:
        return preferred, language, False
    if other:
        return other, ("en" if language == "ko" else "ko"), True
    return "", language, False


def name_in(ko: str, en: str, language: str) -> str:
    return pick_language(ko, en, language)[0]


def name_in_sql(table: str, column: str = "name", *, language: str = "{language}") -> str:
    """pick_language()'s text, of `table`'s columns `<column>_ko` and `<column>_en`, in
    `language` (SQL: the served language's slot, or a column)."""
    ko, en = f"{table}.{column}_ko", f"{table}.{column}_en"
    return (f"CASE WHEN {language} = 'ko' THEN coalesce(nullif({ko}, ''), {en}) "
            f"ELSE coalesce(nullif({en}, ''), {ko}) END")


def served_language_sql(table: str, column: str) -> str:
    """pick_language()'s served language."""
    ko, en = f"{table}.{column}_ko", f"{table}.{column}_en"
    return (f"CASE WHEN {{language}} = 'ko' THEN CASE WHEN {ko} = '' AND {en} <> '' "
            f"THEN 'en' ELSE 'ko' END ELSE CASE WHEN {en} = '' AND {ko} <> '' "
            f"THEN 'ko' ELSE 'en' END END")


def fallback_sql(table: str, column: str) -> str:
    """pick_language()'s fallback flag."""
    ko, en = f"{table}.{column}_ko", f"{table}.{column}_en"
    return (f"CASE WHEN {{language}} = 'ko' THEN {ko} = '' AND {en} <> '' "
            f"ELSE {en} = '' AND {ko} <> '' END")


def decimal_text(value: Decimal | None) -> str | None:
    """38.0000 -> "38", 1.5000 -> "1.5": as written, without float rounding."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def decimal_sql(column: str) -> str:
    """decimal_text() of a numeric column."""
    return f"trim_scale({column})::text"


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def as_text(subquery: str) -> str:
    """A json subquery's value as text, for Python to embed as it is. Inside
    fact_json_sql the subqueries stay json: cast to text and back, PostgreSQL
    parsed each fact's citations again (3 of the 51 microseconds of a fact)."""
    return f"({subquery})::text"


def iso_sql(column: str) -> str:
    """iso() of a timestamp column: as Python writes it in UTC, the
    microseconds only when there are some."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (f"CASE WHEN {column} IS NULL THEN NULL ELSE to_char({utc}, "
            f"'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN mod(date_part('microseconds', "
            f"{utc})::int, 1000000) = 0 THEN '' ELSE to_char({utc}, '.US') END || '+00:00' END")
