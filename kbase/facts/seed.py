"""Load the hand-built seed knowledge base (fixtures/seed.yaml) through the services.

Idempotent: every record has a natural key (a slug, or a fact key turned into a
fixed UUID), so loading twice creates nothing new and changes nothing that is
already as the file says.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from kbase.core.text import to_nfc
from kbase.sources import services as source_services
from kbase.sources.models import Publisher, Source, Work

from . import services
from .models import Citation, Discrepancy, Entity, Fact, Topic

FIXTURES_DIR = Path(__file__).resolve().parent.parent.parent / "fixtures"
SEED_FILE = FIXTURES_DIR / "seed.yaml"
# Fact keys become stable public ids under this namespace.
SEED_NAMESPACE = uuid.UUID("6f1d0b8e-2f4c-4c8e-9a43-4b6b1e0d5a11")
SEED_REASON = "seed knowledge base (fixtures/seed.yaml)"


def seed_public_id(key: str) -> uuid.UUID:
    return uuid.uuid5(SEED_NAMESPACE, key)


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    def __str__(self) -> str:
        if not self.created:
            return "nothing new: the seed knowledge base is already loaded"
        return "created " + ", ".join(f"{n} {kind}" for kind, n in sorted(self.created.items()))


def read_seed(path: Path = SEED_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@transaction.atomic
def seed_load(path: Path = SEED_FILE) -> SeedReport:
    data = read_seed(path)
    archive_dir = path.parent / "archive"
    report = SeedReport()

    publishers = {}
    for row in data["publishers"]:
        publisher = Publisher.objects.filter(slug=row["slug"]).first()
        if publisher is None:
            publisher = source_services.publisher_create(**row)
            report.count("publishers")
        publishers[row["slug"]] = publisher

    sources: dict[str, Source] = {}
    for row in data["sources"]:
        row = dict(row)
        source = Source.objects.filter(slug=row["slug"]).first()
        if source is None:
            work, _created = Work.objects.get_or_create(slug=row.pop("work"))
            archive = row.pop("archive", "")
            source = source_services.source_create(
                publisher=publishers[row.pop("publisher")], work=work,
                archived_text=(archive_dir / archive).read_text(encoding="utf-8")
                if archive else "",
                **row)
            report.count("sources")
        sources[source.slug] = source

    topics = {row["slug"]: _named(Topic, row, report, "topics") for row in data["topics"]}
    entities = {row["slug"]: _named(Entity, row, report, "entities")
                for row in data["entities"]}

    facts: dict[str, Fact] = {}
    for row in data["facts"]:
        facts[row["key"]] = _fact(row, topics, entities, sources, report)

    for row in data.get("discrepancies", []):
        if Discrepancy.objects.filter(slug=row["key"]).exists():
            continue
        services.discrepancy_create(
            slug=row["key"], fact=facts[row["fact"]], aspect=row["aspect"],
            statements=[(sources[s["source"]], s["says"]) for s in row["statements"]],
            note_ko=row.get("note_ko", ""), note_en=row.get("note_en", ""), reason=SEED_REASON)
        report.count("discrepancies")
    return report


def _named(model: type[Topic] | type[Entity], row: dict, report: SeedReport, kind: str):
    existing = model.objects.filter(slug=row["slug"]).first()
    if existing is not None:
        return existing
    instance = services.named_save(thing=model(**row))
    report.count(kind)
    return instance


def _fact(row: dict, topics: dict, entities: dict, sources: dict,
          report: SeedReport) -> Fact:
    public_id = seed_public_id(row["key"])
    fact = Fact.objects.filter(public_id=public_id).first()
    if fact is None:
        quantity = row.get("quantity") or {}
        fact = services.fact_create(
            public_id=public_id, reason=SEED_REASON,
            text_ko=row.get("text_ko", ""), text_en=row.get("text_en", ""),
            text_ko_origin=row.get("text_ko_origin", "") if row.get("text_ko") else "",
            text_en_origin=row.get("text_en_origin", "") if row.get("text_en") else "",
            quantity_value=Decimal(str(quantity["value"])) if quantity else None,
            quantity_unit=quantity.get("unit", ""),
            quantity_qualifier=quantity.get("qualifier", ""),
            as_of=row.get("as_of"), as_of_precision=row.get("as_of_precision") or "unknown",
            topics=[topics[slug] for slug in row.get("topics", [])],
            entities=[entities[slug] for slug in row.get("entities", [])],
        )
        report.count("facts")
    for citation in row["citations"]:
        citation = dict(citation)
        source = sources[citation.pop("source")]
        if not Citation.objects.filter(fact=fact, source=source,
                                       quote=to_nfc(citation["quote"]).strip()).exists():
            services.citation_create(fact=fact, source=source, reason=SEED_REASON, **citation)
            report.count("citations")
    if fact.status in {Fact.Status.DRAFT, Fact.Status.REVIEW}:
        fact = services.fact_publish(fact=fact, reason=SEED_REASON)
    return fact
