"""Every read of facts: one place that knows what to join and prefetch."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.postgres.expressions import ArraySubquery
from django.db import router
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    QuerySet,
    UUIDField,
)

from kbase.core.prepared import Param, SQLTemplate, Statement, StatementPages
from kbase.core.representation import as_text

from .models import (
    Citation,
    Discrepancy,
    DiscrepancyStatement,
    Entity,
    Fact,
    Topic,
)
from .representation_sql import (
    CITATION_OF_ROW_SQL,
    DISCREPANCY_OF_ROW_SQL,
    ENTITY_OF_ROW_SQL,
    FACT_JSON_SQL,
    KEY_NAMES,
    TOPIC_OF_ROW_SQL,
    Part,
    fact_json_sql,
)


def can_see_unpublished(user: User | AnonymousUser | None) -> bool:
    """Editors and readers with the view permission see drafts; everyone else only
    what is published."""
    return bool(user is not None and user.is_authenticated and user.has_perm("facts.view_fact"))


# Once public, a fact stays readable by its link when it is retracted or
# superseded (with its status saying so); lists show what is published now.
WITHDRAWN = [Fact.Status.RETRACTED, Fact.Status.SUPERSEDED]


def fact_visible(*, user, include_withdrawn: bool = False) -> QuerySet[Fact]:
    return visible_facts(unpublished=can_see_unpublished(user), include_withdrawn=include_withdrawn)


def visible_facts(*, unpublished: bool, include_withdrawn: bool) -> QuerySet[Fact]:
    facts = Fact.objects.all()
    if unpublished:
        return facts
    if include_withdrawn:
        return facts.filter(status__in=[Fact.Status.PUBLISHED, *WITHDRAWN])
    return facts.published()


def fact_list(*, user, with_provenance: bool = False,
              include_withdrawn: bool = False) -> QuerySet[Fact]:
    """Facts `user` may see as model objects, with everything the public pages and
    the JSON-LD export read of them, in a fixed number of queries. (The API reads
    rows of JSON instead: fact_rows().)"""
    return _with_related(
        fact_visible(user=user, include_withdrawn=include_withdrawn),
        with_provenance=with_provenance)


def _with_related(facts: QuerySet[Fact], *, with_provenance: bool = False) -> QuerySet[Fact]:
    facts = facts.select_related("superseded_by").only(
        *[f.attname for f in Fact._meta.concrete_fields if f.attname != "superseded_by_id"],
        "superseded_by_id", "superseded_by__public_id",
    )
    prefetches: list[Prefetch[Any, Any, Any]] = [
        Prefetch("topics", Topic.objects.only("id", "slug", "name_ko", "name_en")),
        Prefetch("entities", Entity.objects.only("id", "slug", "kind", "name_ko", "name_en")),
        Prefetch("citations", Citation.objects.select_related("source__publisher", "source__brief")
                 .defer("source__archived_text").order_by("id")),
    ]
    if with_provenance:
        prefetches.append(Prefetch(
            "discrepancies",
            Discrepancy.objects.order_by("id").prefetch_related(
                Prefetch("statements", DiscrepancyStatement.objects
                         .select_related("source__publisher", "source__brief")
                         .defer("source__archived_text").order_by("id")))))
    return facts.prefetch_related(*prefetches)


# --- The API's representations, built by PostgreSQL (representation_sql) ----------

@functools.lru_cache(maxsize=256)
def _sparse_json_sql(part: Part, fields: frozenset[str]) -> str:
    return fact_json_sql(part, fields)


def fact_json_expression(language: str | Param, *, part: Part = Part.WHOLE,
                         fields: Iterable[str] | None = None) -> SQLTemplate:
    """A fact's representation in `language` (of `part`; with `fields`, only the keys
    named there), as text, embedded in the response as it comes (orjson.Fragment).
    Not bytea: the text protocol sends bytea hex-encoded, which cost more than
    decoding UTF-8."""
    if fields is not None:
        json_sql = _sparse_json_sql(part, frozenset(fields) & KEY_NAMES)
    elif part is Part.PAGE:
        return SQLTemplate("kbase_fact_page_json(facts_fact.id, {language})",
                           language=language)
    else:
        json_sql = FACT_JSON_SQL[part]
    return SQLTemplate(as_text(json_sql), language=language)


def fact_rows(*, user, language: str, part: Part = Part.WHOLE,
              fields: Iterable[str] | None = None,
              include_withdrawn: bool = False) -> QuerySet:
    """Facts `user` may see as rows of `id`, `created_at`, `updated_at` (for cursors),
    `version` (for ETags) and `json`: each fact's representation (fact_json_expression)
    built by PostgreSQL. For filtered and sparse lists: a prepared statement may
    settle on one generic plan, and the best plan for a date range or a topic
    depends on how many facts its values match (the unfiltered list is
    fact_json_pages())."""
    return visible_facts(unpublished=can_see_unpublished(user),
                         include_withdrawn=include_withdrawn).values(
        "id", "created_at", "updated_at", "version",
        json=fact_json_expression(language, part=part, fields=fields))


def fact_json_pages(*, user, language: str) -> StatementPages:
    """fact_rows()'s rows for the unfiltered list (StatementPages): compiled
    once per ordering, and planned once per connection (planning cost more than a
    third of a page)."""
    return StatementPages(_fact_json_rows, model=Fact,
                          shape={"unpublished": can_see_unpublished(user)},
                          values={"language": language}, using=router.db_for_read(Fact))


def _fact_json_rows(*, unpublished: bool, language: str | Param) -> QuerySet:
    return visible_facts(unpublished=unpublished, include_withdrawn=False).values(
        "id", "created_at", "updated_at", json=fact_json_expression(language))


def _fact_pages(*, unpublished: bool, language: str | Param) -> QuerySet:
    return visible_facts(unpublished=unpublished, include_withdrawn=True).values(
        "id", "version", json=fact_json_expression(language, part=Part.PAGE))


@functools.cache
def _fact_page_statement(*, unpublished: bool) -> Statement:
    return Statement.of(_fact_pages(unpublished=unpublished, language=Param("language"))
                        .filter(public_id=Param("public_id", UUIDField())))


def fact_page(*, user, public_id: uuid.UUID, language: str) -> dict | None:
    """The row (`version`, `json`) of one fact's page (Part.PAGE), or None if `user` may not see it.

    The ORM builds and compiles this query once per kind of reader (with stand-in
    values) and later pages run that SQL: on the busiest read, building and
    compiling the queryset cost Django more than PostgreSQL spent answering it. It
    runs prepared (kbase.core.prepared): one fact by its unique id has one plan,
    and planning it was a quarter of the statement's time (0.44 -> 0.34 ms)."""
    statement = _fact_page_statement(unpublished=can_see_unpublished(user))
    rows = statement.rows({"public_id": public_id, "language": language},
                          using=router.db_for_read(Fact))
    return rows[0] if rows else None


def fact_citing_rows(*, user, source_slug: str, language: str, part: Part = Part.WHOLE,
                     fields: Iterable[str] | None = None) -> QuerySet:
    """fact_rows() of the facts that cite the source `source_slug`, newest first."""
    return _citing(fact_rows(user=user, language=language, part=part, fields=fields),
                   source_slug)


def fact_citing_json_pages(*, user, source_slug: str, language: str) -> StatementPages:
    """fact_citing_rows() of the whole representation, compiled once per kind of
    reader (StatementPages): as model objects, a fact-checker's lookup of a source
    cited by some dozens of facts cost more Python than all the rest of the
    request."""
    return StatementPages(_citing_json_rows, model=Fact,
                          shape={"unpublished": can_see_unpublished(user)},
                          values={"language": language, "source_slug": source_slug},
                          using=router.db_for_read(Fact))


def fact_citing(*, user, source_slug: str) -> QuerySet[Fact]:
    """fact_list()'s facts that cite the source `source_slug`, newest first."""
    return _citing(fact_list(user=user), source_slug)


def _citing_json_rows(*, unpublished: bool, language: Param, source_slug: Param) -> QuerySet:
    return _citing(_fact_json_rows(unpublished=unpublished, language=language), source_slug)


def _citing(facts: QuerySet, source_slug: str | Param) -> QuerySet:
    # A semi-join: a join repeats a fact for each of its citations of the source,
    # and DISTINCT over whole fact rows to undo that cost more than the query.
    return facts.filter(Exists(Citation.objects.filter(fact=OuterRef("pk"),
                                                       source__slug=source_slug)))


def fact_dump_rows(*, language: str) -> QuerySet:
    """Every published fact as rows of `id` and `json` (its whole representation in
    `language`, built by PostgreSQL as for the list), for the NDJSON dump: as model
    objects represented in Python, a fact cost the dump three times the CPU."""
    return visible_facts(unpublished=False, include_withdrawn=False).values(
        "id", json=fact_json_expression(language))


def fact_csv_rows(facts: QuerySet[Fact]) -> QuerySet:
    """`facts` as the rows of the CSV export (kbase.facts.exports.csv_row), in one
    query: their columns, and their topics', entities' and cited sources' slugs and
    their quotes as arrays (the citations in the order they were made). As model
    objects with their prefetches, 30 facts cost 14 ms of Python and four queries."""
    citations = Citation.objects.filter(fact=OuterRef("pk")).order_by("id")
    return facts.values(
        "public_id", "status", "text_ko", "text_en", "text_ko_origin", "text_en_origin",
        "quantity_value", "quantity_unit", "quantity_qualifier", "as_of", "as_of_precision",
        topic_slugs=ArraySubquery(
            Topic.objects.filter(facts=OuterRef("pk")).order_by("slug").values("slug")),
        entity_slugs=ArraySubquery(
            Entity.objects.filter(facts=OuterRef("pk")).order_by("slug").values("slug")),
        source_slugs=ArraySubquery(citations.values("source__slug")),
        quotes=ArraySubquery(citations.values("quote")))


def fact_written(*, pk: int, language: str) -> dict[str, Any]:
    """The fact a client has just written, as a row of `public_id`, `version` and
    `json` (the whole representation)."""
    return dict(Fact.objects.filter(pk=pk).values(
        "public_id", "version", json=fact_json_expression(language)).get())


def citation_list(*, fact: Fact) -> QuerySet[Citation]:
    return Citation.objects.filter(fact=fact).order_by("id")


def citation_rows(*, fact: Fact, language: str) -> QuerySet:
    """The citations of `fact` as rows of `id` and `json` (as a fact's JSON shows
    them), built by PostgreSQL."""
    return citation_list(fact=fact).values(
        "id", json=SQLTemplate(as_text(CITATION_OF_ROW_SQL), language=language))


def topic_rows(*, language: str) -> QuerySet:
    """Topics as rows of `id`, `slug` (for cursors) and `json`, built by PostgreSQL."""
    return Topic.objects.values(
        "id", "slug", json=SQLTemplate(as_text(TOPIC_OF_ROW_SQL), language=language))


def entity_rows(*, language: str) -> QuerySet:
    """Entities as rows of `id`, `slug` (for cursors) and `json`, built by PostgreSQL."""
    return Entity.objects.values(
        "id", "slug", json=SQLTemplate(as_text(ENTITY_OF_ROW_SQL), language=language))


def discrepancy_rows(*, user, language: str) -> QuerySet:
    """Discrepancies of the facts `user` may see as rows of `id`, `slug` (for
    cursors) and `json` (with their fact's brief representation), built by
    PostgreSQL."""
    return Discrepancy.objects.filter(fact__in=fact_visible(user=user)).values(
        "id", "slug", json=SQLTemplate(as_text(DISCREPANCY_OF_ROW_SQL), language=language))
