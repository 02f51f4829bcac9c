"""The API's representation of a fact, built by PostgreSQL, as SQL text.

Plain strings, with no Django in them: kbase.facts.selectors runs them, and the
benchmark's floor (bench/floor.py) serves the very same JSON. They are templates
(kbase.core.sqltext) whose `{language}` slots are the served language ('ko' or
'en').
"""

from __future__ import annotations

from psycopg import sql

from kbase.core.representation import iso_sql
from kbase.core.sqltext import sql_text
from kbase.sources.representation_sql import BRIEF_SQL, name_in

# The parts of a fact that are lists of other rows (topics, entities, citations
# with their sources' stored briefs) come from the facts query itself as JSON
# (json values inside fact_json_sql; as text where Python embeds them): a page
# costs one query, and Python neither builds nor parses those objects.
# tests/api/test_facts_read.py holds them equal to the object-built
# representation (serializers.fact_data).

TOPICS_SQL = f"""
SELECT coalesce(json_agg(json_build_object(
    'slug', t.slug, 'name', {name_in("t")}, 'name_ko', t.name_ko, 'name_en', t.name_en)
    ORDER BY t.slug), '[]')
FROM facts_fact_topics ft JOIN facts_topic t ON t.id = ft.topic_id
WHERE ft.fact_id = facts_fact.id"""  # noqa: S608  (kbase's SQL constants only)

ENTITIES_SQL = f"""
SELECT coalesce(json_agg(json_build_object(
    'slug', e.slug, 'name', {name_in("e")}, 'name_ko', e.name_ko, 'name_en', e.name_en,
    'kind', e.kind) ORDER BY e.slug), '[]')
FROM facts_fact_entities fe JOIN facts_entity e ON e.id = fe.entity_id
WHERE fe.fact_id = facts_fact.id"""  # noqa: S608  (kbase's SQL constants only)

CITATIONS_SQL = f"""
SELECT coalesce(json_agg(json_build_object(
    'id', c.id,
    'source', {BRIEF_SQL},
    'quote', c.quote, 'quote_translation', c.quote_translation, 'locator', c.locator,
    'stance', c.stance, 'note', c.note, 'accessed_on', c.accessed_on) ORDER BY c.id), '[]')
FROM facts_citation c JOIN sources_sourcebrief b ON b.source_id = c.source_id
WHERE c.fact_id = facts_fact.id"""  # noqa: S608  (kbase's SQL constants only)

NUMBER_CHECK_SQL = """
SELECT a.number_check::text FROM facts_factanalysis a WHERE a.fact_id = facts_fact.id"""

SUPERSEDED_BY_SQL = """
SELECT r.public_id::text FROM facts_fact r WHERE r.id = facts_fact.superseded_by_id"""

# Fact.possibly_stale_languages, so that the four timestamps it reads stay unloaded.
POSSIBLY_STALE_SQL = """
array_remove(ARRAY[
    CASE WHEN facts_fact.text_ko <> '' AND greatest(facts_fact.text_ko_changed_at,
              facts_fact.text_ko_reviewed_at) < facts_fact.text_en_changed_at THEN 'ko' END,
    CASE WHEN facts_fact.text_en <> '' AND greatest(facts_fact.text_en_changed_at,
              facts_fact.text_en_reviewed_at) < facts_fact.text_ko_changed_at THEN 'en' END
], NULL)"""


# serializers.discrepancy_data (without the fact) of the discrepancies of each fact.
DISCREPANCIES_SQL = f"""
SELECT coalesce(json_agg(json_build_object(
    'slug', x.slug, 'aspect', x.aspect, 'note', {name_in("x", "note")},
    'note_ko', x.note_ko, 'note_en', x.note_en,
    'statements', (
        SELECT coalesce(json_agg(json_build_object('source', {BRIEF_SQL},
                                                   'says', st.says) ORDER BY st.id), '[]')
        FROM facts_discrepancystatement st
        JOIN sources_sourcebrief b ON b.source_id = st.source_id
        WHERE st.discrepancy_id = x.id),
    'created_at', {iso_sql("x.created_at")}) ORDER BY x.id), '[]')
FROM facts_discrepancy x WHERE x.fact_id = facts_fact.id"""  # noqa: S608  (kbase's SQL constants only)

# supersession_chain() of each fact, as JSON.
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


def fact_json_sql(*, detail: bool) -> str:
    """The whole representation (serializers.fact_data, without sparse fields) as one
    json value of the row `facts_fact` (kbase casts it to text and embeds it in the
    response as it is); the detail adds what the fact page shows (`provenance`:
    discrepancies, and the supersession chain)."""
    extra = (f""",
    'discrepancies', ({DISCREPANCIES_SQL}),
    'supersession', ({SUPERSESSION_SQL})""" if detail else "")
    return f"""
json_build_object(
    'id', facts_fact.public_id::text,
    'url', '/api/v1/facts/' || facts_fact.public_id::text || '/',
    'text', CASE WHEN {{language}} = 'ko' THEN coalesce(nullif(facts_fact.text_ko, ''),
                                              facts_fact.text_en)
                 ELSE coalesce(nullif(facts_fact.text_en, ''), facts_fact.text_ko) END,
    'language', CASE WHEN {{language}} = 'ko' THEN
                    CASE WHEN facts_fact.text_ko = '' AND facts_fact.text_en <> ''
                         THEN 'en' ELSE 'ko' END
                ELSE CASE WHEN facts_fact.text_en = '' AND facts_fact.text_ko <> ''
                          THEN 'ko' ELSE 'en' END END,
    'fallback', CASE WHEN {{language}} = 'ko' THEN facts_fact.text_ko = '' AND facts_fact.text_en <> ''
                ELSE facts_fact.text_en = '' AND facts_fact.text_ko <> '' END,
    'text_ko', facts_fact.text_ko, 'text_en', facts_fact.text_en,
    'text_ko_origin', facts_fact.text_ko_origin, 'text_en_origin', facts_fact.text_en_origin,
    'possibly_stale', to_json({POSSIBLY_STALE_SQL}),
    'quantity', CASE WHEN facts_fact.quantity_value IS NULL THEN NULL ELSE json_build_object(
        'value', trim_scale(facts_fact.quantity_value)::text,
        'unit', facts_fact.quantity_unit, 'qualifier', facts_fact.quantity_qualifier) END,
    'as_of', facts_fact.as_of, 'as_of_precision', facts_fact.as_of_precision,
    'period', CASE WHEN facts_fact.period_start IS NULL AND facts_fact.period_end IS NULL
                   THEN NULL ELSE json_build_object('start', facts_fact.period_start,
                                                    'end', facts_fact.period_end) END,
    'status', facts_fact.status, 'status_reason', facts_fact.status_reason,
    'published_at', {iso_sql("facts_fact.published_at")},
    'superseded_by', ({SUPERSEDED_BY_SQL}),
    'review_by', facts_fact.review_by,
    'topics', ({TOPICS_SQL}),
    'entities', ({ENTITIES_SQL}),
    'citations', ({CITATIONS_SQL}),
    'number_check', ({NUMBER_CHECK_SQL})::json,
    'version', facts_fact.version,
    'created_at', {iso_sql("facts_fact.created_at")},
    'updated_at', {iso_sql("facts_fact.updated_at")}{extra}
)"""  # noqa: E501  (the SQL text is the statement every list page prepares)


FACT_JSON_SQL = {detail: fact_json_sql(detail=detail) for detail in (False, True)}

# The fact page's representation as a PL/pgSQL function, installed on every migrate
# (kbase.facts.apps): PL/pgSQL keeps each statement's plan for the session, and
# planning this statement cost more than running it (1.7 ms against 0.8 ms). The
# list is a prepared statement instead (kbase.core.prepared): there, fifty function
# calls cost more than one plan.
_FACT_PAGE_JSON_OF_ARGUMENT = sql_text(FACT_JSON_SQL[True], language=sql.Identifier("p_language"))
FACT_PAGE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION kbase_fact_page_json(p_fact bigint, p_language text)
RETURNS text LANGUAGE plpgsql STABLE AS $function$
BEGIN
    RETURN (SELECT ({_FACT_PAGE_JSON_OF_ARGUMENT})::text
            FROM facts_fact WHERE facts_fact.id = p_fact);
END
$function$"""  # noqa: S608  (kbase's SQL constants only)
