"""Keeps the search documents of sources current (see kbase.facts.indexing)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from kbase.core.search import english_document, korean_document

from .models import Source

# Titles (A), program (B), publisher names (C), from a row `v`; the benchmark's
# bulk loader reuses it.
SOURCE_VECTORS_SQL = """
       setweight(to_tsvector('simple', v.ko_a), 'A')
    || setweight(to_tsvector('simple', v.ko_b), 'B')
    || setweight(to_tsvector('simple', v.ko_c), 'C'),
       setweight(to_tsvector('english', v.en_a), 'A')
    || setweight(to_tsvector('english', v.en_b), 'B')
    || setweight(to_tsvector('english', v.en_c), 'C')
"""

_UPSERT_SOURCES = f"""
INSERT INTO sources_sourcesearchdocument (source_id, search_ko, search_en)
SELECT v.id, {SOURCE_VECTORS_SQL}
FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[])
     AS v(id, ko_a, ko_b, ko_c, en_a, en_b, en_c)
ON CONFLICT (source_id) DO UPDATE
SET search_ko = EXCLUDED.search_ko, search_en = EXCLUDED.search_en
"""  # noqa: S608  (kbase's SQL constants only)


def source_search_refresh(*, source_ids: Iterable[int]) -> int:
    """Rebuild the search documents of these sources: titles (A), program (B),
    publisher names (C). Returns how many."""
    ids = list(source_ids)
    if not ids:
        return 0
    sources = Source.objects.filter(pk__in=ids).select_related("publisher").only(
        "id", "title_ko", "title_en", "program", "publisher__name_ko", "publisher__name_en")
    columns: list[list] = [[] for _ in range(7)]
    for source in sources:
        values = (source.pk, korean_document(source.title_ko), korean_document(source.program),
                  korean_document(source.publisher.name_ko), english_document(source.title_en),
                  english_document(source.program), english_document(source.publisher.name_en))
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT_SOURCES, columns)
    return len(columns[0])
