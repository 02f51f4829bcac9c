"""The physical floor: a bare WSGI app that answers the benchmark's pages with JSON
built entirely by PostgreSQL (json_agg) in one query, passed through untouched.

Nothing real would be this thin (no language negotiation, validation, permissions,
pagination links, errors): it is what the same hardware can do at best, the
denominator of kbase's ratios.

    GET /facts/?limit=50[&topic=slug]    the facts list page, citations included
    GET /facts/<uuid>/                   one fact
    GET /search/?ts=<tsquery>&config=simple|english
    GET /lookup/?key=<normalised url>
"""

from __future__ import annotations

import os
import threading
from urllib.parse import parse_qs

import psycopg

_FACT_JSON = """
json_build_object(
  'id', f.public_id, 'text_ko', f.text_ko, 'text_en', f.text_en,
  'text_ko_origin', f.text_ko_origin, 'text_en_origin', f.text_en_origin,
  'quantity', CASE WHEN f.quantity_value IS NULL THEN NULL ELSE json_build_object(
      'value', f.quantity_value, 'unit', f.quantity_unit, 'qualifier', f.quantity_qualifier) END,
  'as_of', f.as_of, 'as_of_precision', f.as_of_precision, 'status', f.status,
  'published_at', f.published_at, 'version', f.version,
  'created_at', f.created_at, 'updated_at', f.updated_at,
  'topics', (SELECT coalesce(json_agg(json_build_object(
        'slug', t.slug, 'name_ko', t.name_ko, 'name_en', t.name_en) ORDER BY t.slug), '[]')
      FROM facts_fact_topics ft JOIN facts_topic t ON t.id = ft.topic_id
      WHERE ft.fact_id = f.id),
  'entities', (SELECT coalesce(json_agg(json_build_object(
        'slug', e.slug, 'kind', e.kind, 'name_ko', e.name_ko, 'name_en', e.name_en)
        ORDER BY e.slug), '[]')
      FROM facts_fact_entities fe JOIN facts_entity e ON e.id = fe.entity_id
      WHERE fe.fact_id = f.id),
  'citations', (SELECT coalesce(json_agg(json_build_object(
        'id', c.id, 'quote', c.quote, 'quote_translation', c.quote_translation,
        'locator', c.locator, 'stance', c.stance, 'accessed_on', c.accessed_on,
        'source', json_build_object(
          'id', s.id, 'slug', s.slug, 'kind', s.kind, 'language', s.language,
          'title_ko', s.title_ko, 'title_en', s.title_en, 'url', s.url,
          'published_on', s.published_on,
          'publisher', json_build_object('slug', p.slug, 'name_ko', p.name_ko,
                                         'name_en', p.name_en))) ORDER BY c.id), '[]')
      FROM facts_citation c JOIN sources_source s ON s.id = c.source_id
      JOIN sources_publisher p ON p.id = s.publisher_id
      WHERE c.fact_id = f.id)
)
"""

QUERIES = {
    "list": f"""
        SELECT json_build_object('results', coalesce(json_agg(page.fact), '[]'))::text
        FROM (SELECT {_FACT_JSON} AS fact FROM facts_fact f
              WHERE f.status = 'published'
                AND (%(topic)s::text IS NULL OR EXISTS (
                     SELECT 1 FROM facts_fact_topics ft JOIN facts_topic t ON t.id = ft.topic_id
                     WHERE ft.fact_id = f.id AND t.slug = %(topic)s))
              ORDER BY f.created_at DESC, f.id DESC LIMIT %(limit)s) page""",
    "detail": f"""
        SELECT {_FACT_JSON}::text FROM facts_fact f
        WHERE f.public_id = %(id)s AND f.status = 'published'""",
    # The same answer as kbase's search: the best of the 200 most recent matches.
    "search": f"""
        WITH candidates AS (
            SELECT f.id FROM facts_fact f JOIN facts_factsearchdocument d ON d.fact_id = f.id
            WHERE f.status = 'published' AND (d.search_ko @@ to_tsquery('simple', %(ts)s)
                                              OR d.search_en @@ to_tsquery('english', %(ts)s))
            ORDER BY f.created_at DESC, f.id DESC LIMIT 200)
        SELECT json_build_object('count', (SELECT count(*) FROM candidates),
                                 'results', coalesce(json_agg(page.fact), '[]'))::text
        FROM (SELECT {_FACT_JSON} AS fact FROM facts_fact f
              JOIN facts_factsearchdocument d ON d.fact_id = f.id
              WHERE f.id IN (SELECT id FROM candidates)
              ORDER BY ts_rank_cd(d.search_ko, to_tsquery('simple', %(ts)s))
                     + ts_rank_cd(d.search_en, to_tsquery('english', %(ts)s)) DESC, f.id DESC
              LIMIT 20) page""",
    "lookup": f"""
        SELECT json_build_object('source', s.slug, 'facts', (
            SELECT coalesce(json_agg({_FACT_JSON}), '[]') FROM facts_fact f
            WHERE f.status = 'published' AND EXISTS (
                SELECT 1 FROM facts_citation c WHERE c.fact_id = f.id AND c.source_id = s.id)
        ))::text FROM sources_source s WHERE s.normalized_url = %(key)s""",
}

_local = threading.local()


def _connection() -> psycopg.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None or conn.closed:
        # The same session settings as kbase's (no parallel workers): the same database.
        conn = _local.conn = psycopg.connect(
            os.environ["DATABASE_URL"], autocommit=True,
            options="-c max_parallel_workers_per_gather=0")
    return conn


NOT_FOUND = b'{"detail": "not found"}'
_STATUS = {200: "200 OK", 404: "404 Not Found"}


def answer(path: str, query_string: str) -> tuple[int, bytes]:
    """The status and JSON body for one request (also served from a Django view by
    bench.plain, to measure what Django's request cycle adds to the same answer)."""
    query = {key: values[0] for key, values in parse_qs(query_string).items()}
    if path == "/facts/":
        name, params = "list", {"limit": int(query.get("limit", 50)),
                                "topic": query.get("topic")}
    elif path.startswith("/facts/"):
        name, params = "detail", {"id": path.strip("/").split("/")[1]}
    elif path == "/search/":
        name, params = "search", {"ts": query["ts"]}
    elif path == "/lookup/":
        name, params = "lookup", {"key": query["key"]}
    else:
        return 404, NOT_FOUND
    row = _connection().execute(QUERIES[name], params).fetchone()
    return (404, NOT_FOUND) if row is None else (200, row[0].encode())


def application(environ, start_response):
    status, body = answer(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""))
    start_response(_STATUS[status], [("Content-Type", "application/json"),
                                     ("Content-Length", str(len(body)))])
    return [body]
