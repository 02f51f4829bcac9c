"""The physical floor: a bare WSGI app that answers the benchmark's pages with JSON
built entirely by PostgreSQL (json_agg) in one prepared query, passed through
untouched. Each fact is kbase's own representation of it (the SQL kbase runs, from
kbase.facts.representation_sql): tests/bench/test_floor.py holds the floor's list
and fact pages equal to kbase's.

Nothing real would be this thin (no language negotiation, validation, permissions,
pagination links, errors): it is what the same hardware can do at best, the
denominator of kbase's ratios.

    GET /facts/?limit=50[&topic=slug][&lang=ko]   the facts list page
    GET /facts/<uuid>/[?lang=ko]                  one fact page
    GET /search/?ts=<tsquery>&config=simple|english
    GET /lookup/?key=<normalised url>
    GET /csv/?source=<id>                         the CSV export of a source's facts,
                                                  streamed by PostgreSQL's COPY
    GET /match/?claim=<n>                         claim matching's nearest facts for the
                                                  n-th of the claims whose query vectors
                                                  BENCH_CLAIM_VECTORS (a JSON file) holds
"""

from __future__ import annotations

import json
import os
import threading
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs

import psycopg
from psycopg import sql

from kbase.core.sqltext import sql_text
from kbase.facts.representation_sql import FACT_JSON_SQL, Part

# kbase's own representation of a fact (its every field, in the served language),
# so that the floor's pages are kbase's pages: only the work around the query differs.
# It reads a row named facts_fact.
_FACT_JSON = sql_text(FACT_JSON_SQL[Part.WHOLE], language=sql.Placeholder("language"))
_FACT_PAGE_JSON = sql_text(FACT_JSON_SQL[Part.PAGE], language=sql.Placeholder("language"))


QUERIES = {
    "list": f"""
        SELECT json_build_object('results', coalesce(json_agg(page.fact), '[]'))::text
        FROM (SELECT {_FACT_JSON} AS fact FROM facts_fact
              WHERE facts_fact.status = 'published'
                AND (%(topic)s::text IS NULL OR EXISTS (
                     SELECT 1 FROM facts_fact_topics ft JOIN facts_topic t ON t.id = ft.topic_id
                     WHERE ft.fact_id = facts_fact.id AND t.slug = %(topic)s))
              ORDER BY facts_fact.created_at DESC, facts_fact.id DESC
              LIMIT %(limit)s) page""",
    "detail": f"""
        SELECT ({_FACT_PAGE_JSON})::text FROM facts_fact
        WHERE facts_fact.public_id = %(id)s AND facts_fact.status = 'published'""",
    # The same answer as kbase's search: the best of the 200 most recent matches.
    "search": f"""
        WITH candidates AS (
            SELECT d.fact_id AS id FROM facts_factsearchdocument d
            WHERE d.status = 'published' AND (d.search_ko @@ to_tsquery('simple', %(ts)s)
                                              OR d.search_en @@ to_tsquery('english', %(ts)s))
            ORDER BY d.created_at DESC, d.fact_id DESC LIMIT 200)
        SELECT json_build_object('count', (SELECT count(*) FROM candidates),
                                 'results', coalesce(json_agg(page.fact), '[]'))::text
        FROM (SELECT {_FACT_JSON} AS fact FROM facts_fact
              JOIN facts_factsearchdocument d ON d.fact_id = facts_fact.id
              WHERE facts_fact.id IN (SELECT id FROM candidates)
              ORDER BY ts_rank_cd(d.search_ko, to_tsquery('simple', %(ts)s))
                     + ts_rank_cd(d.search_en, to_tsquery('english', %(ts)s)) DESC,
                       facts_fact.id DESC
              LIMIT 20) page""",
    "lookup": f"""
        SELECT json_build_object('source', s.slug, 'facts', (
            SELECT coalesce(json_agg({_FACT_JSON}), '[]') FROM facts_fact
            WHERE facts_fact.status = 'published' AND EXISTS (
                SELECT 1 FROM facts_citation c
                WHERE c.fact_id = facts_fact.id AND c.source_id = s.id)
        ))::text FROM sources_source s WHERE s.normalized_url = %(key)s""",
    # Claim matching's nearest-neighbour query (kbase.facts.matching: the 40 closest
    # texts of published facts through the HNSW index) with the claim's vector
    # computed beforehand, and the closest five facts in kbase's representation: no
    # embedding of the claim, no re-ranking by numbers.
    "match": f"""
        WITH nearest AS MATERIALIZED (
            SELECT e.fact_id, e.embedding <=> %(vector)s::halfvec AS distance
            FROM facts_factembedding e JOIN facts_fact f ON f.id = e.fact_id
            WHERE f.status = 'published'
            ORDER BY distance LIMIT 40),
        best AS (SELECT fact_id, min(distance) AS distance FROM nearest
                 GROUP BY fact_id ORDER BY min(distance), fact_id LIMIT 5)
        SELECT json_build_object('results', coalesce(json_agg(json_build_object(
            'similarity', round((1 - best.distance)::numeric, 4), 'fact', {_FACT_JSON})
            ORDER BY best.distance, best.fact_id), '[]'))::text
        FROM best JOIN facts_fact ON facts_fact.id = best.fact_id""",
}

# The rows and columns of kbase's CSV export of one source's facts
# (kbase.facts.exports.CSV_COLUMNS), written by PostgreSQL itself.
CSV_COPY = """
    COPY (SELECT f.public_id AS id, f.status, f.text_ko, f.text_en, f.text_ko_origin,
                 f.text_en_origin, f.quantity_value, f.quantity_unit, f.quantity_qualifier,
                 f.as_of, f.as_of_precision,
                 array_to_string(ARRAY(
                     SELECT t.slug FROM facts_fact_topics ft
                     JOIN facts_topic t ON t.id = ft.topic_id
                     WHERE ft.fact_id = f.id ORDER BY t.slug), ', ') AS topics,
                 array_to_string(ARRAY(
                     SELECT e.slug FROM facts_fact_entities fe
                     JOIN facts_entity e ON e.id = fe.entity_id
                     WHERE fe.fact_id = f.id ORDER BY e.slug), ', ') AS entities,
                 array_to_string(ARRAY(
                     SELECT s.slug FROM facts_citation c JOIN sources_source s ON s.id = c.source_id
                     WHERE c.fact_id = f.id ORDER BY c.id), ' | ') AS sources,
                 array_to_string(ARRAY(
                     SELECT c.quote FROM facts_citation c
                     WHERE c.fact_id = f.id ORDER BY c.id), ' | ') AS quotes,
                 '/api/v1/facts/' || f.public_id || '/' AS url
          FROM facts_fact f
          WHERE f.status = 'published' AND EXISTS (
              SELECT 1 FROM facts_citation c WHERE c.fact_id = f.id AND c.source_id = %(source)s)
          ORDER BY f.created_at DESC, f.id DESC)
    TO STDOUT WITH (FORMAT csv, HEADER)"""

_local = threading.local()


def _connection() -> psycopg.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None or conn.closed:
        # The same session settings as kbase's (no parallel workers): the same database.
        conn = _local.conn = psycopg.connect(
            os.environ["DATABASE_URL"], autocommit=True,
            options="-c max_parallel_workers_per_gather=0"
                    " -c hnsw.iterative_scan=relaxed_order")
    return conn


NOT_FOUND = b'{"detail": "not found"}'
_STATUS = {200: "200 OK", 404: "404 Not Found"}


@cache
def claim_vectors() -> list[str]:
    """The benchmark's claims' query vectors, in pgvector's text form."""
    return json.loads(Path(os.environ["BENCH_CLAIM_VECTORS"]).read_text())


def csv_chunks(source: int, connection: psycopg.Connection | None = None):
    """The CSV export of a source's facts, as COPY writes it."""
    with (connection or _connection()).cursor() as cursor, \
            cursor.copy(CSV_COPY, {"source": source}) as copy:
        yield from (bytes(chunk) for chunk in copy)


def answer(path: str, query_string: str,
           connection: psycopg.Connection | None = None) -> tuple[int, bytes]:
    """The status and JSON body for one request (also served from a Django view by
    bench.plain, to measure what Django's request cycle adds to the same answer),
    on the floor's own connection unless given one."""
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
    elif path == "/match/":
        name, params = "match", {"vector": claim_vectors()[int(query["claim"])]}
    else:
        return 404, NOT_FOUND
    params["language"] = query.get("lang", "en")
    row = (connection or _connection()).execute(QUERIES[name], params).fetchone()
    return (404, NOT_FOUND) if row is None else (200, row[0].encode())


def application(environ, start_response):
    if environ.get("PATH_INFO") == "/csv/":
        query = parse_qs(environ.get("QUERY_STRING", ""))
        start_response("200 OK", [("Content-Type", "text/csv; charset=utf-8")])
        return csv_chunks(int(query["source"][0]))
    status, body = answer(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""))
    start_response(_STATUS[status], [("Content-Type", "application/json"),
                                     ("Content-Length", str(len(body)))])
    return [body]
