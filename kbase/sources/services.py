"""Every write to publishers and sources goes through here."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kbase.core.services import refuse_unknown_fields
from kbase.core.text import clean_text_fields, to_nfc, validate_no_control_characters

from . import hooks
from .indexing import source_search_refresh
from .models import Publisher, Source, Work
from .normalize import InvalidURL, normalize_url

PUBLISHER_FIELDS = {"slug", "name_ko", "name_en", "kind", "homepage", "country"}
SOURCE_FIELDS = {
    "slug", "kind", "language", "edition_kind", "title_ko", "title_en", "authors", "program",
    "published_on", "published_precision", "published_note", "url", "accessed_on",
    "archived_text",
}
_SOURCE_TEXT = ("title_ko", "title_en", "program", "published_note", "archived_text", "url")


@transaction.atomic
def publisher_create(**fields: Any) -> Publisher:
    refuse_unknown_fields(fields, PUBLISHER_FIELDS)
    publisher = Publisher(**fields)
    clean_text_fields(publisher, ("name_ko", "name_en"))
    publisher.country = publisher.country.upper()
    publisher.full_clean()
    publisher.save()
    return publisher


@transaction.atomic
def publisher_update(*, publisher: Publisher, **fields: Any) -> Publisher:
    refuse_unknown_fields(fields, PUBLISHER_FIELDS)
    for name, value in fields.items():
        setattr(publisher, name, value)
    clean_text_fields(publisher, ("name_ko", "name_en"))
    publisher.country = publisher.country.upper()
    publisher.full_clean()
    publisher.save()
    # Publisher names are in the sources' search documents, not their facts'.
    _reindex(source_ids=publisher.sources.values_list("pk", flat=True), citing_facts=False)
    return publisher


def _reindex(*, source_ids, citing_facts: bool = True) -> None:
    """Source titles and publisher names are searchable, in the sources' own search
    documents and (titles) in those of the facts citing them, which their app
    rebuilds (hooks.on_searchable_change) only when `citing_facts`: a source may be
    cited thousands of times."""
    ids = list(source_ids)
    source_search_refresh(source_ids=ids)
    if citing_facts:
        hooks.searchable_changed(source_ids=ids)


def _set_normalized_url(source: Source) -> None:
    if not source.url:
        source.normalized_url = None
        return
    try:
        source.normalized_url = normalize_url(source.url)
    except InvalidURL as error:
        raise ValidationError({"url": [str(error)]}) from error
    clash = (Source.objects.filter(normalized_url=source.normalized_url)
             .exclude(pk=source.pk).only("id", "slug").first())
    if clash is not None:
        raise ValidationError({"url": [
            _("This URL is already the source '%(slug)s' (id %(id)d): %(key)s")
            % {"slug": clash.slug, "id": clash.pk, "key": source.normalized_url}]})


def _new_work(slug: str) -> Work:
    if Work.objects.filter(slug=slug).exists():
        slug = f"{slug[:100]}-{uuid.uuid4().hex[:8]}"
    return Work.objects.create(slug=slug)


def _clean_authors(authors: Any) -> list[dict[str, str]]:
    if not isinstance(authors, list) or not all(isinstance(a, dict) for a in authors):
        raise ValidationError({"authors": [_("Authors must be a list of objects.")]})
    cleaned = []
    for author in authors:
        unknown = set(author) - {"name_ko", "name_en", "role"}
        if unknown:
            raise ValidationError({"authors": [
                _("Unknown author keys: %(keys)s") % {"keys": ", ".join(sorted(unknown))}]})
        entry = {}
        for key in ("name_ko", "name_en", "role"):
            value = author.get(key, "")
            if not isinstance(value, str):
                raise ValidationError({"authors": [_("Author names must be text.")]})
            validate_no_control_characters(value)
            entry[key] = to_nfc(value).strip()
        cleaned.append(entry)
    return cleaned


@transaction.atomic
def source_create(*, publisher: Publisher, work: Work | None = None,
                  edition_of: Source | None = None, **fields: Any) -> Source:
    """Create one edition. `edition_of` makes it another edition of that source's work."""
    refuse_unknown_fields(fields, SOURCE_FIELDS)
    if work is None:
        work = edition_of.work if edition_of is not None else None
    if work is None:
        work = _new_work(fields.get("slug") or "source")
    source = Source(publisher=publisher, work=work, **fields)
    _prepare_source(source)
    source.save()
    source_search_refresh(source_ids=[source.pk])
    return source


@transaction.atomic
def source_update(*, source: Source, publisher: Publisher | None = None,
                  **fields: Any) -> Source:
    refuse_unknown_fields(fields, SOURCE_FIELDS)
    cited_as = _searchable_in_facts(source)
    if publisher is not None:
        source.publisher = publisher
    for name, value in fields.items():
        setattr(source, name, value)
    _prepare_source(source)
    source.save()
    _reindex(source_ids=[source.pk], citing_facts=_searchable_in_facts(source) != cited_as)
    return source


def _searchable_in_facts(source: Source) -> tuple:
    """What the search documents of the facts citing `source` hold of it
    (kbase.facts.indexing.fact_documents): its language and titles."""
    return source.language, source.title_ko, source.title_en


def _prepare_source(source: Source) -> None:
    clean_text_fields(source, _SOURCE_TEXT)
    source.authors = _clean_authors(source.authors)
    _set_normalized_url(source)
    source.full_clean()


@transaction.atomic
def source_link_editions(*, source: Source, other: Source) -> Source:
    """Make `other` an edition of the same work as `source` (e.g. its translation)."""
    if source.pk == other.pk:
        raise ValidationError({"other": [_("A source is not an edition of itself.")]})
    old_work = other.work
    other.work = source.work
    other.save(update_fields=["work", "updated_at"])
    if old_work.pk != source.work_id and not old_work.editions.exists():
        old_work.delete()
    return other


@transaction.atomic
def source_delete(*, source: Source) -> None:
    """Delete an uncited source (a cited one is protected: 409)."""
    work = source.work
    source.delete()
    if not work.editions.exists():
        work.delete()
