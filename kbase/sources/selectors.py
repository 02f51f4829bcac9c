"""Every read of publishers and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from .models import Publisher, Source
from .normalize import normalize_url

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class SourceListing(TypedDict):
    """What source_list() annotates a source with."""

    has_archived_text: bool


def source_list() -> QuerySet[WithAnnotations[Source, SourceListing]]:
    """Sources without their (large) archived text, with what the representation needs."""
    return (Source.objects.select_related("publisher", "work")
            .defer("archived_text")
            .annotate(has_archived_text=ExpressionWrapper(~Q(archived_text=""),
                                                          output_field=BooleanField())))


def source_editions(*, source: Source) -> QuerySet[Source]:
    """The other editions of the same work (e.g. the Korean original of a translation)."""
    return source_list().filter(work_id=source.work_id).exclude(pk=source.pk)


def source_and_editions_by_url(*, url: str) -> tuple[Source, list[Source]] | None:
    """The source any variant of `url` names and its source_editions(), in one query
    (the editions of the work that has one at `url`); None for an unknown URL.
    Raises InvalidURL for a non-URL."""
    key = normalize_url(url)
    editions = list(source_list().filter(work__editions__normalized_url=key))
    source = next((edition for edition in editions if edition.normalized_url == key), None)
    if source is None:
        return None
    return source, [edition for edition in editions if edition.pk != source.pk]


def publisher_list() -> QuerySet[Publisher]:
    return Publisher.objects.order_by("slug")

