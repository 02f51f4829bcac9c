"""Keeps the facts' embeddings (FactEmbedding) current with their texts.

Every write path reaches fact_search_refresh() (kbase.facts.indexing), which calls
fact_embeddings_schedule(): the facts are embedded once their transaction commits
(`transaction.on_commit`), outside it, so a write never holds its locks while the
model runs (some 40 ms a text), a rolled-back write embeds nothing, and the test
suite's rolled-back transactions never load the model. The consistency this gives:

- a committed text is embedded within moments of its commit, by the process that
  wrote it; until then matching finds the fact by its previous text (or not at all);
- a failure there (the process dies, the model fails) leaves the row missing or
  stale, never wrong: each row holds the SHA-256 of the text it embeds and the
  model's name, and `manage.py embed_facts` rebuilds every missing or stale row;
- a row is written only if the fact's text still has the digest it was computed
  from, so of two quick edits the slower embedding cannot overwrite the newer one.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, transaction

from kbase.core.embeddings import Embedder, as_halfvec, embedder

from .models import Fact

logger = logging.getLogger(__name__)
LANGUAGES = ("ko", "en")

# The rows of `v` whose fact still has the text they were computed from; the digest
# is compared in SQL so that the rule (SHA-256 of the UTF-8 text) is the one
# stale_embeddings() applies.
_TEXT_OF = "CASE v.language WHEN 'ko' THEN f.text_ko ELSE f.text_en END"
_UPSERT = f"""
INSERT INTO facts_factembedding (fact_id, language, model, digest, embedding)
SELECT v.fact_id, v.language, %s, v.digest, v.embedding::halfvec
FROM unnest(%s::bigint[], %s::text[], %s::bytea[], %s::text[])
     AS v(fact_id, language, digest, embedding)
JOIN facts_fact f ON f.id = v.fact_id
WHERE sha256(convert_to({_TEXT_OF}, 'UTF8')) = v.digest
ON CONFLICT (fact_id, language) DO UPDATE
SET model = EXCLUDED.model, digest = EXCLUDED.digest, embedding = EXCLUDED.embedding
"""  # noqa: S608  (kbase's SQL constants only)

# (fact id, language) of every text without a current embedding, among `ids` (or
# all facts when the array is NULL), and the rows of texts that are now empty.
_STALE = f"""
SELECT v.fact_id, v.language FROM (
    SELECT f.id AS fact_id, l.language, f.text_ko, f.text_en
    FROM facts_fact f CROSS JOIN (VALUES ('ko'), ('en')) AS l(language)
    WHERE %(ids)s::bigint[] IS NULL OR f.id = ANY(%(ids)s::bigint[])
) v
JOIN facts_fact f ON f.id = v.fact_id
LEFT JOIN facts_factembedding e ON e.fact_id = v.fact_id AND e.language = v.language
WHERE {_TEXT_OF} <> ''
  AND (e.id IS NULL OR e.model <> %(model)s
       OR e.digest <> sha256(convert_to({_TEXT_OF}, 'UTF8')))
ORDER BY v.fact_id, v.language
"""  # noqa: S608  (kbase's SQL constants only)
_EMPTIED = """
DELETE FROM facts_factembedding e USING facts_fact f
WHERE f.id = e.fact_id AND (%(ids)s::bigint[] IS NULL OR f.id = ANY(%(ids)s::bigint[]))
  AND CASE e.language WHEN 'ko' THEN f.text_ko ELSE f.text_en END = ''
"""


def text_digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()


def stale_embeddings(*, fact_ids: Sequence[int] | None, model: str) -> list[tuple[int, str]]:
    """(fact id, language) of the texts whose embedding is missing or stale."""
    with connection.cursor() as cursor:
        cursor.execute(_STALE, {"ids": None if fact_ids is None else list(fact_ids),
                                "model": model})
        return [(fact_id, language) for fact_id, language in cursor.fetchall()]


def embeddings_write(texts: Sequence[tuple[int, str, str]], *, model: Embedder) -> int:
    """Embed (fact id, language, text) triples and store them; returns how many rows
    were written (a text changed meanwhile is left to its own refresh)."""
    if not texts:
        return 0
    vectors = model.passages([text for _id, _language, text in texts])
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [
            model.name, [fact_id for fact_id, _l, _t in texts],
            [language for _id, language, _t in texts],
            [text_digest(text) for _id, _l, text in texts],
            [as_halfvec(vector) for vector in vectors]])
        return cursor.rowcount


def embeddings_to_build(*, fact_ids: Sequence[int] | None) -> list[tuple[int, str]]:
    """Drop the embeddings of texts now empty, and list (fact id, language) of the
    texts whose embedding is missing or stale, of these facts (all when None)."""
    ids = None if fact_ids is None else list(fact_ids)
    with connection.cursor() as cursor:
        cursor.execute(_EMPTIED, {"ids": ids})
    return stale_embeddings(fact_ids=ids, model=embedder().name)


def embeddings_build(stale: Sequence[tuple[int, str]], *, batch: int = 64,
                     progress: Callable[[int], object] | None = None) -> int:
    """Embed these (fact id, language) texts as they are now, `batch` at a time;
    returns how many were embedded. `progress` hears how many each batch did."""
    model = embedder()
    written = 0
    for start in range(0, len(stale), batch):
        chunk = stale[start:start + batch]
        rows = Fact.objects.filter(pk__in={pk for pk, _language in chunk}).values_list(
            "pk", "text_ko", "text_en")
        texts = {pk: {"ko": ko, "en": en} for pk, ko, en in rows}
        triples = [(pk, language, texts[pk][language]) for pk, language in chunk
                   if texts.get(pk, {}).get(language)]
        embeddings_write(triples, model=model)
        written += len(triples)
        if progress is not None:
            progress(len(chunk))
    return written


def fact_embeddings_refresh(*, fact_ids: Sequence[int] | None) -> int:
    """Bring these facts' embeddings (all facts' when None) up to date."""
    if fact_ids is not None and not fact_ids:
        return 0
    return embeddings_build(embeddings_to_build(fact_ids=fact_ids))


def _refresh_after_commit(fact_ids: list[int]) -> None:
    try:
        fact_embeddings_refresh(fact_ids=fact_ids)
    except Exception:
        # The write has committed; its embeddings stay missing or stale (and are
        # known as such) until `manage.py embed_facts` runs.
        logger.exception("Embedding facts %s failed; run `manage.py embed_facts`.", fact_ids)


def fact_embeddings_schedule(*, fact_ids: Iterable[int]) -> None:
    """Embed these facts' texts once the current transaction commits (at once
    outside one)."""
    ids = list(fact_ids)
    if ids:
        transaction.on_commit(functools.partial(_refresh_after_commit, ids))
