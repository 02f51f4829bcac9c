"""Facts in the formats fact-checkers take elsewhere: CSV for spreadsheets,
JSON-LD (schema.org Claim) for the web, NDJSON for bulk mirrors."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from kbase.core.representation import decimal_text, iso

from .models import Fact

CSV_BOM = "\ufeff"  # so Excel opens UTF-8 (and so Korean) correctly
CSV_COLUMNS = ["id", "status", "text_ko", "text_en", "text_ko_origin", "text_en_origin",
               "quantity_value", "quantity_unit", "quantity_qualifier", "as_of",
               "as_of_precision", "topics", "entities", "sources", "quotes", "url"]
# A spreadsheet runs a cell starting with these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ... except a plain number such as a negative quantity, which stays a number.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def neutralise(cell: str) -> str:
    """Make a cell inert in spreadsheets (OWASP CSV injection): prefix a quote.
    Every spreadsheet kbase writes (the API's CSV, the admin's CSV and XLSX) goes
    through here."""
    if cell.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def unneutralise(cell: str) -> str:
    """The cell as it was before neutralise(), for a spreadsheet coming back."""
    if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell


def csv_row(row: dict[str, Any]) -> list[str]:
    """A fact's CSV line, from its row of selectors.fact_csv_rows()."""
    public_id = str(row["public_id"])
    values = [
        public_id, row["status"], row["text_ko"], row["text_en"], row["text_ko_origin"],
        row["text_en_origin"], decimal_text(row["quantity_value"]) or "",
        row["quantity_unit"], row["quantity_qualifier"], iso(row["as_of"]) or "",
        row["as_of_precision"], ", ".join(row["topic_slugs"]), ", ".join(row["entity_slugs"]),
        " | ".join(row["source_slugs"]), " | ".join(row["quotes"]),
        f"/api/v1/facts/{public_id}/",
    ]
    return [neutralise(value) for value in values]


def csv_stream(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV of selectors.fact_csv_rows()'s rows, a line at a time, BOM first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield CSV_BOM + flush()
    for row in rows:
        writer.writerow(csv_row(row))
        yield flush()


def _creative_work(source, base_url: str) -> dict:
    work = {
        "@type": "CreativeWork",
        "@id": f"{base_url}/api/v1/sources/{source.pk}/",
        "name": source.title_ko if source.language == "ko" else source.title_en,
        "inLanguage": source.language,
        "publisher": {"@type": "Organization",
                      "name": source.publisher.name_en or source.publisher.name_ko},
    }
    if source.url:
        work["url"] = source.url
    if source.published_on:
        work["datePublished"] = iso(source.published_on)
    return work


def fact_jsonld(fact: Fact, base_url: str) -> dict:
    """A schema.org Claim: the fact in both languages, where it appears (the source
    editions) and the exact quotations it rests on."""
    citations = list(fact.citations.all())
    texts = [{"@value": getattr(fact, f"text_{lang}"), "@language": lang}
             for lang in ("ko", "en") if getattr(fact, f"text_{lang}")]
    appearances, seen = [], set()
    for citation in citations:
        if citation.source_id not in seen:
            seen.add(citation.source_id)
            appearances.append(_creative_work(citation.source, base_url))
    claim: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "@id": f"{base_url}/api/v1/facts/{fact.public_id}/",
        "identifier": str(fact.public_id),
        "text": texts,
        "appearance": appearances,
        "citation": [{"@type": "Quotation", "text": citation.quote,
                      "inLanguage": citation.source.language,
                      "isPartOf": {"@id": f"{base_url}/api/v1/sources/{citation.source_id}/"}}
                     for citation in citations],
        "about": [{"@type": "Thing", "name": entity.name_en or entity.name_ko,
                   "alternateName": [name for name in (entity.name_ko, *entity.aliases_ko,
                                                       *entity.aliases_en) if name]}
                  for entity in fact.entities.all()],
        "dateCreated": iso(fact.created_at),
        "dateModified": iso(fact.updated_at),
    }
    if appearances:
        claim["firstAppearance"] = appearances[0]
    if fact.published_at:
        claim["datePublished"] = iso(fact.published_at)
    return claim


def ndjson_stream(rows: QuerySet, *, batch: int = 500) -> Iterator[bytes]:
    """One fact per line, as selectors.fact_dump_rows() has PostgreSQL build it, read
    in keyset batches: memory stays flat however many facts there are."""
    last_id = 0
    while True:
        page = list(rows.filter(id__gt=last_id).order_by("id")[:batch])
        if not page:
            return
        for row in page:
            # A raw line break in JSON text can only be whitespace between tokens
            # (one inside a string is escaped): a fact stays on its line.
            yield row["json"].replace("\n", " ").encode() + b"\n"
        last_id = page[-1]["id"]
