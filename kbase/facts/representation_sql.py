"""The API's representation of a fact: one table of its keys (FACT_KEYS), each
with the SQL that PostgreSQL runs for it and how the schema documents it.

SQL text with no Django in it beyond lazy translations of the keys' descriptions:
kbase.facts.selectors runs it, and the benchmark's floor (bench/floor.py) serves
the very same JSON. The statements are templates (kbase.core.sqltext) whose
`{language}` slots are the served language ('ko' or 'en').
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from psycopg import sql

from kbase.core.representation import (
    decimal_sql,
    fallback_sql,
    iso_sql,
    name_in_sql,
    served_language_sql,
)
from kbase.core.sqltext import sql_text
from kbase.sources.representation_sql import BRIEF_SQL

# The parts of a fact that are lists of other rows (topics, entities, citations
# with their sources' stored briefs) come from the facts query itself as JSON
# (json values inside fact_json_sql; as text where Python embeds them): a page
# costs one query, and Python neither builds nor parses those objects.


def named_sql(row: str, *, kind: bool, aliases: bool = False) -> str:
    """A topic or an entity `row` (`kind`: an entity, with its kind) in the served
    language: the brief a fact carries, and with `aliases` the whole one its own
    endpoint serves."""
    pairs = [f"'slug', {row}.slug", f"'name', {name_in_sql(row)}",
             f"'name_ko', {row}.name_ko", f"'name_en', {row}.name_en"]
    if kind:
        pairs.append(f"'kind', {row}.kind")
    if aliases:
        pairs += [f"'aliases_ko', {row}.aliases_ko", f"'aliases_en', {row}.aliases_en"]
    return f"json_build_object({', '.join(pairs)})"


TOPICS_SQL = f"""
SELECT coalesce(json_agg({named_sql("t", kind=False)} ORDER BY t.slug), '[]')
FROM facts_fact_topics ft JOIN facts_topic t ON t.id = ft.topic_id
WHERE ft.fact_id = facts_fact.id"""  # noqa: S608  (kbase's SQL constants only)

ENTITIES_SQL = f"""
SELECT coalesce(json_agg({named_sql("e", kind=True)} ORDER BY e.slug), '[]')
FROM facts_fact_entities fe JOIN facts_entity e ON e.id = fe.entity_id
WHERE fe.fact_id = facts_fact.id"""  # noqa: S608  (kbase's SQL constants only)

# The topic of each row `facts_topic`, the entity of each row `facts_entity`, as
# their own endpoints serve them.
TOPIC_OF_ROW_SQL = named_sql("facts_topic", kind=False, aliases=True)
ENTITY_OF_ROW_SQL = named_sql("facts_entity", kind=True, aliases=True)

# A citation `c` with its source's stored brief `b`.
CITATION_SQL = f"""json_build_object(
    'id', c.id,
    'source', {BRIEF_SQL},
    'quote', c.quote, 'quote_translation', c.quote_translation, 'locator', c.locator,
    'stance', c.stance, 'note', c.note, 'accessed_on', c.accessed_on)"""

# The citations of each fact.
CITATIONS_SQL = f"""
SELECT coalesce(json_agg({CITATION_SQL} ORDER BY c.id), '[]')
FROM facts_citation c JOIN sources_sourcebrief b ON b.source_id = c.source_id
WHERE c.fact_id = facts_fact.id"""  # noqa: S608  (kbase's SQL constants only)

# The citation of each row `facts_citation` (the citations endpoint's).
CITATION_OF_ROW_SQL = f"""
SELECT {CITATION_SQL}
FROM facts_citation c JOIN sources_sourcebrief b ON b.source_id = c.source_id
WHERE c.id = facts_citation.id"""  # noqa: S608  (kbase's SQL constants only)

NUMBER_CHECK_SQL = """
SELECT a.number_check::text FROM facts_factanalysis a WHERE a.fact_id = facts_fact.id"""

SUPERSEDED_BY_SQL = """
SELECT r.public_id::text FROM facts_fact r WHERE r.id = facts_fact.superseded_by_id"""

# The languages whose text is older than the other language's last change and was
# not confirmed since: the only statement of that rule (the admin reads it too,
# through kbase.facts.models.FactQuerySet.with_stale_languages).
POSSIBLY_STALE_SQL = """
array_remove(ARRAY[
    CASE WHEN facts_fact.text_ko <> '' AND greatest(facts_fact.text_ko_changed_at,
              facts_fact.text_ko_reviewed_at) < facts_fact.text_en_changed_at THEN 'ko' END,
    CASE WHEN facts_fact.text_en <> '' AND greatest(facts_fact.text_en_changed_at,
              facts_fact.text_en_reviewed_at) < facts_fact.text_ko_changed_at THEN 'en' END
], NULL)"""


def discrepancy_sql(*, fact: str = "") -> str:
    """A discrepancy `x`, as its fact's page shows it; with `fact` (SQL of its
    fact's brief representation), as the discrepancies list shows it."""
    fact_pair = f",\n    'fact', ({fact})" if fact else ""
    return f"""json_build_object(
    'slug', x.slug, 'aspect', x.aspect, 'note', {name_in_sql("x", "note")},
    'note_ko', x.note_ko, 'note_en', x.note_en,
    'statements', (
        SELECT coalesce(json_agg(json_build_object('source', {BRIEF_SQL},
                                                   'says', st.says) ORDER BY st.id), '[]')
        FROM facts_discrepancystatement st
        JOIN sources_sourcebrief b ON b.source_id = st.source_id
        WHERE st.discrepancy_id = x.id),
    'created_at', {iso_sql("x.created_at")}{fact_pair})"""  # noqa: S608  (kbase's SQL constants only)


# The discrepancies of each fact.
DISCREPANCIES_SQL = f"""
SELECT coalesce(json_agg({discrepancy_sql()} ORDER BY x.id), '[]')
FROM facts_discrepancy x WHERE x.fact_id = facts_fact.id"""  # noqa: S608  (kbase's SQL constants only)

# The facts each fact replaced, and those that replaced it, as JSON.
SUPERSESSION_SQL = """
WITH RECURSIVE later(id, public_id, next_id, depth) AS (
    SELECT f.id, f.public_id, f.superseded_by_id, 0 FROM facts_fact f
    WHERE f.id = facts_fact.id
    UNION ALL
    SELECT f.id, f.public_id, f.superseded_by_id, later.depth + 1
    FROM facts_fact f JOIN later ON f.id = later.next_id WHERE later.depth < 100
), earlier(id, public_id, depth) AS (
    SELECT f.id, f.public_id, 0 FROM facts_fact f WHERE f.id = facts_fact.id
    UNION ALL
    SELECT f.id, f.public_id, earlier.depth - 1
    FROM facts_fact f JOIN earlier ON f.superseded_by_id = earlier.id
    WHERE earlier.depth > -100
)
SELECT json_build_object(
    'earlier', coalesce((SELECT json_agg(public_id::text ORDER BY depth, public_id::text)
                         FROM earlier WHERE depth < 0), '[]'),
    'later', coalesce((SELECT json_agg(public_id::text ORDER BY depth, public_id::text)
                       FROM later WHERE depth > 0), '[]'))"""


FACTS_PATH = "/api/v1/facts/"


def fact_path(public_id: object) -> str:
    """A fact's address in the API (its representation's `url`)."""
    return f"{FACTS_PATH}{public_id}/"


def fact_url_sql(public_id_column: str) -> str:
    """fact_path() of a fact's public id column."""
    return f"'{FACTS_PATH}' || {public_id_column}::text || '/'"


class Part(IntEnum):
    """How much of a fact a representation holds: each part holds the ones before."""

    BRIEF = 0  # `?brief=true`, and a fact embedded in another object
    WHOLE = 1  # lists, search results, a write's answer
    PAGE = 2  # the fact's own page: with its provenance


@dataclass(frozen=True)
class Key:
    """One key of a fact's JSON: the SQL that PostgreSQL runs for it (of the row
    `facts_fact`, in the served `{language}`), and how the schema documents it:
    `kind` names a value type (kbase.facts.api.serializers.KINDS; a trailing `?`:
    it may be null), `help` is its description."""

    name: str
    sql: str
    kind: str
    help: str | Promise = ""
    part: Part = Part.WHOLE


# The API's representation of a fact, in the order of its keys. Everything else is
# derived from this table: the SQL of every part and sparse `fields=`
# (fact_json_sql), and the OpenAPI schema (kbase.facts.api.serializers).
FACT_KEYS: tuple[Key, ...] = (
    Key("id", "facts_fact.public_id::text", "uuid", _("The fact's stable public id."),
        Part.BRIEF),
    Key("url", fact_url_sql("facts_fact.public_id"), "string",
        _("The fact's address in this API."), Part.BRIEF),
    Key("text", name_in_sql("facts_fact", "text"), "string", _("The text in `language`."),
        Part.BRIEF),
    Key("language", served_language_sql("facts_fact", "text"), "language",
        _("The language actually served in `text`."), Part.BRIEF),
    Key("fallback", fallback_sql("facts_fact", "text"), "boolean",
        _("True when the requested language was missing and the other was served."),
        Part.BRIEF),
    Key("text_ko", "facts_fact.text_ko", "text"),
    Key("text_en", "facts_fact.text_en", "text"),
    Key("text_ko_origin", "facts_fact.text_ko_origin", "text_origin"),
    Key("text_en_origin", "facts_fact.text_en_origin", "text_origin"),
    Key("possibly_stale", f"to_json({POSSIBLY_STALE_SQL})", "languages",
        _("Languages whose text changed less recently than the other language's and has "
          "not been re-confirmed since.")),
    Key("quantity", """CASE WHEN facts_fact.quantity_value IS NULL THEN NULL ELSE
        json_build_object('value', """ + decimal_sql("facts_fact.quantity_value") + """,
        'unit', facts_fact.quantity_unit, 'qualifier', facts_fact.quantity_qualifier) END""",
        "quantity?"),
    Key("as_of", "facts_fact.as_of", "date?"),
    Key("as_of_precision", "facts_fact.as_of_precision", "date_precision"),
    Key("period", """CASE WHEN facts_fact.period_start IS NULL AND facts_fact.period_end IS NULL
        THEN NULL ELSE json_build_object('start', facts_fact.period_start,
                                         'end', facts_fact.period_end) END""", "period?"),
    Key("status", "facts_fact.status", "status", part=Part.BRIEF),
    Key("status_reason", "facts_fact.status_reason", "text"),
    Key("published_at", iso_sql("facts_fact.published_at"), "datetime?"),
    Key("superseded_by", f"({SUPERSEDED_BY_SQL})", "uuid?"),
    Key("review_by", "facts_fact.review_by", "date?"),
    Key("topics", f"({TOPICS_SQL})", "topics"),
    Key("entities", f"({ENTITIES_SQL})", "entities"),
    Key("citations", f"({CITATIONS_SQL})", "citations"),
    Key("number_check", f"({NUMBER_CHECK_SQL})::json", "number_check?",
        _("Numbers read from both texts, compared with each other and with the quantity. "
          "A warning, not an error: editions do disagree. Null until the fact is first "
          "indexed.")),
    Key("version", "facts_fact.version", "integer"),
    Key("created_at", iso_sql("facts_fact.created_at"), "datetime"),
    Key("updated_at", iso_sql("facts_fact.updated_at"), "datetime"),
    Key("discrepancies", f"({DISCREPANCIES_SQL})", "discrepancies",
        _("On the fact's own page only: where editions of a cited source disagree about "
          "this fact (see /discrepancies/)."), Part.PAGE),
    Key("supersession", f"({SUPERSESSION_SQL})", "supersession",
        _("On the fact's own page only: the facts this one replaced (oldest first) and "
          "those that replaced it."), Part.PAGE),
)

KEY_NAMES = frozenset(key.name for key in FACT_KEYS)


def fact_keys(part: Part, fields: Iterable[str] | None = None) -> tuple[Key, ...]:
    """The keys of `part`; with `fields` (a sparse fieldset), only those named there."""
    return tuple(key for key in FACT_KEYS
                 if key.part <= part and (fields is None or key.name in fields))


def fact_json_sql(part: Part = Part.WHOLE, fields: Iterable[str] | None = None) -> str:
    """A fact's representation as one json value of the row `facts_fact` (kbase casts
    it to text and embeds it in the response as it is)."""
    pairs = ",\n    ".join(f"'{key.name}', {key.sql}" for key in fact_keys(part, fields))
    return f"json_build_object(\n    {pairs})"


FACT_JSON_SQL = {part: fact_json_sql(part) for part in Part}

# The discrepancy of each row `facts_discrepancy` (the discrepancies list's), with
# its fact's brief representation.
DISCREPANCY_OF_ROW_SQL = f"""
SELECT {discrepancy_sql(fact=f"SELECT {FACT_JSON_SQL[Part.BRIEF]} FROM facts_fact "
                             "WHERE facts_fact.id = x.fact_id")}
FROM facts_discrepancy x WHERE x.id = facts_discrepancy.id"""  # noqa: S608  (kbase's SQL constants only)

# The fact page's representation as a PL/pgSQL function, installed on every migrate
# (kbase.facts.apps): PL/pgSQL keeps each statement's plan for the session, and
# planning this statement cost more than running it (1.7 ms against 0.8 ms). The
# list is a prepared statement instead (kbase.core.prepared): there, fifty function
# calls cost more than one plan.
_FACT_PAGE_JSON_OF_ARGUMENT = sql_text(FACT_JSON_SQL[Part.PAGE],
                                       language=sql.Identifier("p_language"))
FACT_PAGE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kbase_fact_page_json(p_fact bigint, p_language text)
RETURNS text LANGUAGE plpgsql STABLE AS $function$
BEGIN
    RETURN (SELECT ({_FACT_PAGE_JSON_OF_ARGUMENT})::text
            FROM facts_fact WHERE facts_fact.id = p_fact);
END
$function$"""  # noqa: S608  (kbase's SQL constants only)
