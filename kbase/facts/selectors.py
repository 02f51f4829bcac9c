"""Every read of facts: one place that knows what to join and prefetch."""

from __future__ import annotations

import functools
import json
import uuid
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.postgres.expressions import ArraySubquery
from django.db import router
from django.db.models import (
    Exists,
    Field,
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
    CITATIONS_SQL,
    ENTITIES_SQL,
    FACT_JSON_SQL,
    NUMBER_CHECK_SQL,
    POSSIBLY_STALE_SQL,
    SUPERSEDED_BY_SQL,
    SUPERSESSION_SQL,
    TOPICS_SQL,
)

if TYPE_CHECKING:
    pass


class ApiRepresentation(TypedDict):
    """What with_api_representation() annotates a fact with."""

    superseded_by_public_id: str | None
    possibly_stale_sql: list[str]
    topics_json: str
    entities_json: str
    citations_json: str
    number_check_json: str | None


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
    """Facts `user` may see, with everything their representation needs, in a fixed
    number of queries."""
    return with_representation(
        fact_visible(user=user, include_withdrawn=include_withdrawn),
        with_provenance=with_provenance)


def with_representation(facts: QuerySet[Fact], *,
                        with_provenance: bool = False) -> QuerySet[Fact]:
    facts = facts.select_related("superseded_by").only(
        *[f.attname for f in Fact._meta.concrete_fields if f.attname != "superseded_by_id"],
        "superseded_by_id", "superseded_by__public_id",
    )
    prefetches: list[Prefetch[Any, Any, Any]] = [
        Prefetch("topics", Topic.objects.only("id", "slug", "name_ko", "name_en")),
        Prefetch("entities", Entity.objects.only("id", "slug", "kind", "name_ko", "name_en")),
        Prefetch("citations", Citation.objects.select_related("source__publisher")
                 .defer("source__archived_text").order_by("id")),
    ]
    if with_provenance:
        prefetches.append(_discrepancies_prefetch())
    return facts.prefetch_related(*prefetches)


def _discrepancies_prefetch() -> Prefetch:
    return Prefetch(
        "discrepancies",
        Discrepancy.objects.order_by("id").prefetch_related(
            Prefetch("statements", DiscrepancyStatement.objects
                     .select_related("source__publisher")
                     .defer("source__archived_text").order_by("id"))))


_API_DEFERRED = {"superseded_by_id", "text_ko_changed_at", "text_en_changed_at",
                 "text_ko_reviewed_at", "text_en_reviewed_at", "created_by_id", "updated_by_id"}


# --- The API's representation, built by PostgreSQL (representation_sql) ----------

def with_api_representation(facts: QuerySet[Fact], *, language: str,
                            with_provenance: bool = False) -> QuerySet[Fact]:
    """`facts` with what the API serves of them, in one query: the fact's columns
    plus `topics_json`, `entities_json`, `citations_json` and `number_check_json`
    (JSON text in `language`), `superseded_by_public_id` and `possibly_stale_sql`.
    With provenance, the discrepancies are prefetched."""
    facts = facts.only(
        *[f.attname for f in Fact._meta.concrete_fields if f.attname not in _API_DEFERRED],
    ).annotate(
        superseded_by_public_id=SQLTemplate(SUPERSEDED_BY_SQL),
        possibly_stale_sql=SQLTemplate(POSSIBLY_STALE_SQL, output_field=Field()),
        topics_json=SQLTemplate(as_text(TOPICS_SQL), language=language),
        entities_json=SQLTemplate(as_text(ENTITIES_SQL), language=language),
        citations_json=SQLTemplate(as_text(CITATIONS_SQL), language=language),
        number_check_json=SQLTemplate(NUMBER_CHECK_SQL),
    )
    if with_provenance:
        facts = facts.prefetch_related(_discrepancies_prefetch())
    return facts



def fact_json_expression(language: str | Param, *, detail: bool = False) -> SQLTemplate:
    # As text, embedded in the response as it comes (orjson.Fragment). Not bytea: the
    # text protocol sends bytea hex-encoded, which cost more than decoding UTF-8.
    if detail:
        return SQLTemplate("kbase_fact_page_json(facts_fact.id, {language})",
                           language=language)
    return SQLTemplate(as_text(FACT_JSON_SQL[False]), language=language)


def fact_api_json_list(*, user, language: str) -> QuerySet:
    """fact_api_list() as rows of `id`, `created_at`, `updated_at` (for cursors) and
    `json`: each fact's whole representation in `language`, built by PostgreSQL.
    For filtered lists: a prepared statement may settle on one generic plan, and the
    best plan for a date range or a topic depends on how many facts its values
    match (the unfiltered list is fact_json_pages())."""
    return _fact_json_rows(unpublished=can_see_unpublished(user), language=language)


def fact_json_pages(*, user, language: str) -> StatementPages:
    """fact_api_json_list()'s rows for the unfiltered list (StatementPages): compiled
    once per ordering, and planned once per connection (planning cost more than a
    third of a page)."""
    return StatementPages(_fact_json_rows, model=Fact,
                          shape={"unpublished": can_see_unpublished(user)},
                          values={"language": language}, using=router.db_for_read(Fact))


def _fact_json_rows(*, unpublished: bool, language: str | Param) -> QuerySet:
    return visible_facts(unpublished=unpublished, include_withdrawn=False).values(
        "id", "created_at", "updated_at", json=fact_json_expression(language))


def fact_api_json_detail(*, user, language: str) -> QuerySet:
    """The fact page's rows (published facts and, by their link, withdrawn ones):
    `version` (for the ETag) and `json`, the representation with its provenance and
    supersession chain, in one query."""
    return _fact_pages(unpublished=can_see_unpublished(user), language=language)


def _fact_pages(*, unpublished: bool, language: str | Param) -> QuerySet:
    return visible_facts(unpublished=unpublished, include_withdrawn=True).values(
        "id", "version", json=fact_json_expression(language, detail=True))


@functools.cache
def _fact_page_statement(*, unpublished: bool) -> Statement:
    return Statement.of(_fact_pages(unpublished=unpublished, language=Param("language"))
                        .filter(public_id=Param("public_id", UUIDField())))


def fact_page(*, user, public_id: uuid.UUID, language: str) -> dict | None:
    """fact_api_json_detail()'s row for one fact, or None if `user` may not see it.

    The ORM builds and compiles this query once per kind of reader (with stand-in
    values) and later pages run that SQL: on the busiest read, building and
    compiling the queryset cost Django more than PostgreSQL spent answering it. It
    runs prepared (kbase.core.prepared): one fact by its unique id has one plan,
    and planning it was a quarter of the statement's time (0.44 -> 0.34 ms)."""
    statement = _fact_page_statement(unpublished=can_see_unpublished(user))
    rows = statement.rows({"public_id": public_id, "language": language},
                          using=router.db_for_read(Fact))
    return rows[0] if rows else None


def fact_api_list(*, user, language: str, with_provenance: bool = False,
                  include_withdrawn: bool = False) -> QuerySet[Fact]:
    """fact_list() for the API: the same facts, represented by PostgreSQL."""
    return with_api_representation(
        fact_visible(user=user, include_withdrawn=include_withdrawn), language=language,
        with_provenance=with_provenance)


def fact_api_citing(*, user, source_slug: str, language: str) -> QuerySet[Fact]:
    """The facts `user` may see that cite the source `source_slug`, newest first, as
    fact_api_list()'s facts (for sparse fields)."""
    return _citing(fact_api_list(user=user, language=language), source_slug)


def fact_citing_json_pages(*, user, source_slug: str, language: str) -> StatementPages:
    """fact_api_citing() as fact_api_json_list()'s rows, built by PostgreSQL and
    compiled once per kind of reader (StatementPages): as model objects, a
    fact-checker's lookup of a source cited by some dozens of facts cost more Python
    than all the rest of the request."""
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


def fact_api_written(*, pk: int, language: str) -> Fact:
    """The fact a client has just written, as the API represents it."""
    return with_api_representation(Fact.objects.filter(pk=pk), language=language).get()


def citation_list(*, fact: Fact) -> QuerySet[Citation]:
    return (Citation.objects.filter(fact=fact).select_related("source__publisher")
            .defer("source__archived_text").order_by("id"))


def discrepancy_list(*, user) -> QuerySet[Discrepancy]:
    """Discrepancies of the facts `user` may see, with their editions' statements."""
    return (Discrepancy.objects.filter(fact__in=fact_visible(user=user))
            .select_related("fact")
            .only("id", "slug", "aspect", "note_ko", "note_en", "created_at", "fact_id",
                  "fact__public_id", "fact__text_ko", "fact__text_en", "fact__status")
            .prefetch_related(Prefetch(
                "statements", DiscrepancyStatement.objects.select_related("source__publisher")
                .defer("source__archived_text").order_by("id"))))


def supersession_chain(*, fact: Fact) -> dict[str, list[str]]:
    """The facts this one replaced (oldest first) and those that replaced it, in one
    query. A fact superseded by one newer fact is the common case; branches (two
    facts replaced by one) appear in `earlier` in order of distance."""
    chain = (Fact.objects.filter(pk=fact.pk)
             .annotate(chain=SQLTemplate(as_text(SUPERSESSION_SQL)))
             .values_list("chain", flat=True).get())
    return json.loads(chain)
