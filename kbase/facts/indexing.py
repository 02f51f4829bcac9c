"""Keeps the search documents of facts and sources current, and each fact's
analysis (FactAnalysis: its number check and Korean highlight words) with them.

Every write path calls these (the services, the admin, the seed loader, the
rebuild command, the benchmark's bulk loader): Korean text is analysed here in
Python, English is stemmed by PostgreSQL, and one UPDATE writes a whole batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection
from django.db.models import Prefetch

from kbase.core.search import (
    english_document,
    korean_document,
    korean_highlight_words,
    korean_token_spans,
)

from .models import Citation, Fact
from .numbers import check_numbers

# The weighted vectors of a fact's search document, from the eight texts of
# fact_documents() in a row `v`; the benchmark's bulk loader reuses it.
FACT_VECTORS_SQL = """
       setweight(to_tsvector('simple', v.ko_a), 'A')
    || setweight(to_tsvector('simple', v.ko_b), 'B')
    || setweight(to_tsvector('simple', v.ko_c), 'C')
    || setweight(to_tsvector('simple', v.ko_d), 'D'),
       setweight(to_tsvector('english', v.en_a), 'A')
    || setweight(to_tsvector('english', v.en_b), 'B')
    || setweight(to_tsvector('english', v.en_c), 'C')
    || setweight(to_tsvector('english', v.en_d), 'D')
"""

# One statement: the documents and the analyses of a batch of facts.
_UPSERT_FACTS = f"""
WITH v AS (
    SELECT v.*, f.created_at
    FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[],
                %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[])
         AS v(id, ko_a, ko_b, ko_c, ko_d, en_a, en_b, en_c, en_d, number_check,
              highlight_words_ko)
    JOIN facts_fact f ON f.id = v.id
), analyses AS (
    INSERT INTO facts_factanalysis (fact_id, number_check, highlight_words_ko)
    SELECT v.id, v.number_check::jsonb, v.highlight_words_ko::jsonb FROM v
    ON CONFLICT (fact_id) DO UPDATE
    SET number_check = EXCLUDED.number_check, highlight_words_ko = EXCLUDED.highlight_words_ko
)
INSERT INTO facts_factsearchdocument (fact_id, search_ko, search_en, created_at)
SELECT v.id, {FACT_VECTORS_SQL}, v.created_at FROM v
ON CONFLICT (fact_id) DO UPDATE
SET search_ko = EXCLUDED.search_ko, search_en = EXCLUDED.search_en,
    created_at = EXCLUDED.created_at
"""  # noqa: S608  (kbase's SQL constants only)

def _names(things: Iterable, language: str) -> list[str]:
    names: list[str] = []
    for thing in things:
        names.append(getattr(thing, f"name_{language}"))
        names.extend(getattr(thing, f"aliases_{language}"))
    return names


def fact_documents(fact: Fact, *, text_ko_spans: list[tuple[str, int, int]]) -> tuple[str, ...]:
    """The eight weighted texts of a fact's search document (Korean analysed);
    `text_ko_spans` is korean_token_spans(fact.text_ko)."""
    citations = list(fact.citations.all())
    quotes: dict[str, list[str]] = {"ko": [], "en": []}
    for citation in citations:
        quotes[citation.source.language].append(citation.quote)
        other = "en" if citation.source.language == "ko" else "ko"
        quotes[other].append(citation.quote_translation)
    topics, entities = list(fact.topics.all()), list(fact.entities.all())
    titles = {language: [getattr(c.source, f"title_{language}") for c in citations]
              for language in ("ko", "en")}
    return (
        " ".join(token for token, _start, _end in text_ko_spans),
        korean_document(*quotes["ko"]),
        korean_document(*_names(topics, "ko"), *_names(entities, "ko")),
        korean_document(*titles["ko"]),
        english_document(fact.text_en),
        english_document(*quotes["en"]),
        english_document(*_names(topics, "en"), *_names(entities, "en")),
        english_document(*titles["en"]),
    )


def number_check_json(fact: Fact) -> str:
    return json.dumps(check_numbers(text_ko=fact.text_ko, text_en=fact.text_en,
                                    quantity=fact.quantity_value).as_dict(), ensure_ascii=False)


def fact_search_refresh(*, fact_ids: Iterable[int]) -> int:
    """Rebuild the search documents and analyses of these facts; returns how many."""
    ids = list(fact_ids)
    if not ids:
        return 0
    facts = Fact.objects.filter(pk__in=ids).only(
        "id", "text_ko", "text_en", "quantity_value").prefetch_related(
        "topics", "entities",
        Prefetch("citations", Citation.objects.select_related("source").only(
            "id", "fact_id", "quote", "quote_translation", "source__language",
            "source__title_ko", "source__title_en")))
    columns: list[list] = [[] for _ in range(11)]
    for fact in facts:
        # The Korean text is analysed once, for its vector and for its highlights.
        spans = korean_token_spans(fact.text_ko)
        values = (fact.pk, *fact_documents(fact, text_ko_spans=spans), number_check_json(fact),
                  json.dumps(korean_highlight_words(fact.text_ko, spans), ensure_ascii=False))
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT_FACTS, columns)
    return len(columns[0])


def facts_citing(*, source_ids: Iterable[int]) -> list[int]:
    return list(Citation.objects.filter(source_id__in=list(source_ids))
                .values_list("fact_id", flat=True).distinct())


def fact_search_refresh_citing(*, source_ids: Iterable[int]) -> int:
    """Rebuild the search documents of the facts citing these sources (which hold
    the sources' language and titles): registered with kbase.sources.hooks."""
    return fact_search_refresh(fact_ids=facts_citing(source_ids=source_ids))
