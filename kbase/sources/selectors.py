"""Every read of publishers and sources."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, TypedDict

from django.db import router
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from kbase.core.prepared import Param, SQLTemplate, Statement
from kbase.core.representation import as_text

from .models import Publisher, Source
from .normalize import normalize_url
from .representation_sql import PUBLISHER_OF_ROW_SQL, SOURCE_SQL

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


def source_rows(*, language: str) -> QuerySet:
    """Sources as rows of `id`, `updated_at` (for cursors and ETags) and `json` (the
    sources API's representation in `language`, built by PostgreSQL)."""
    return Source.objects.values(
        "id", "updated_at", json=SQLTemplate(as_text(SOURCE_SQL), language=language))


def source_edition_rows(*, source: Source, language: str) -> QuerySet:
    """source_rows() of the other editions of the same work (e.g. the Korean original
    of a translation)."""
    return source_rows(language=language).filter(work_id=source.work_id).exclude(pk=source.pk)


def source_and_editions_by_url(*, url: str) -> tuple[Source, list[Source]] | None:
    """The source any variant of `url` names and its source_editions(), in one query
    (the editions of the work that has one at `url`); None for an unknown URL.
    Raises InvalidURL for a non-URL."""
    key = normalize_url(url)
    editions = list(source_list().filter(work__editions__normalized_url=key))
    return _at_url(editions, [edition.normalized_url for edition in editions], key)


def _at_url(editions: list, urls: list[str | None], key: str) -> tuple[Any, list] | None:
    """The edition whose normalised URL (`urls`, in order) is `key`, and the others."""
    if key not in urls:
        return None
    at = urls.index(key)
    return editions[at], editions[:at] + editions[at + 1:]


@functools.cache
def _editions_at_statement() -> Statement:
    editions = Source.objects.filter(work__editions__normalized_url=Param("key"))
    return Statement.of(editions.order_by("slug").values(
        "id", "slug", "normalized_url",
        json=SQLTemplate(as_text(SOURCE_SQL), language=Param("language"))))


def source_and_editions_json_by_url(*, url: str, language: str
                                    ) -> tuple[dict, list[dict]] | None:
    """source_and_editions_by_url() as rows of `id`, `slug`, `normalized_url` and
    `json` (SourceSerializer's representation in `language`, built by PostgreSQL):
    a fact-checker's lookup. Its query is built and compiled once and runs prepared
    (kbase.core.prepared): as model objects, the ORM's building and compiling them
    cost most of a lookup's Python. Raises InvalidURL for a non-URL."""
    key = normalize_url(url)
    editions = _editions_at_statement().rows({"key": key, "language": language},
                                             using=router.db_for_read(Source))
    return _at_url(editions, [edition["normalized_url"] for edition in editions], key)


def publisher_rows(*, language: str) -> QuerySet:
    """Publishers as rows of `slug` (for cursors) and `json`, built by PostgreSQL."""
    return Publisher.objects.order_by("slug").values(
        "id", "slug", json=SQLTemplate(as_text(PUBLISHER_OF_ROW_SQL), language=language))

