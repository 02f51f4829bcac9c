"""Every read of facts: one place that knows what to join and prefetch."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db import connection
from django.db.models import ExpressionWrapper, F, FloatField, Prefetch, QuerySet, Value
from django.db.models.functions import Replace

from kbase.core.search import ParsedQuery, rank_queries, search_condition

from .models import Citation, Discrepancy, DiscrepancyStatement, Entity, Fact, Topic


def can_see_unpublished(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Editors and readers with the view permission see drafts; everyone else only
    what is published."""
    return bool(user is not None and user.is_authenticated and user.has_perm("facts.view_fact"))


# Once public, a fact stays readable by its link when it is retracted or
# superseded (with its status saying so); lists show what is published now.
WITHDRAWN = [Fact.Status.RETRACTED, Fact.Status.SUPERSEDED]


def fact_visible(*, user, include_withdrawn: bool = False) -> QuerySet[Fact]:
    facts = Fact.objects.all()
    if can_see_unpublished(user):
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


def fact_written(*, pk: int) -> Fact:
    """The fact a client has just written, as the API represents it."""
    return with_representation(Fact.objects.filter(pk=pk)).get()


def with_representation(facts: QuerySet[Fact], *,
                        with_provenance: bool = False) -> QuerySet[Fact]:
    facts = facts.select_related("superseded_by").only(
        *[f.attname for f in Fact._meta.concrete_fields if f.attname != "superseded_by_id"],
        "superseded_by_id", "superseded_by__public_id",
    )
    prefetches = [
        Prefetch("topics", Topic.objects.only("id", "slug", "name_ko", "name_en")),
        Prefetch("entities", Entity.objects.only("id", "slug", "kind", "name_ko", "name_en")),
        Prefetch("citations", Citation.objects.select_related("source__publisher")
                 .defer("source__archived_text").order_by("id")),
    ]
    if with_provenance:
        prefetches.append(Prefetch(
            "discrepancies",
            Discrepancy.objects.order_by("id").prefetch_related(
                Prefetch("statements", DiscrepancyStatement.objects
                         .select_related("source__publisher")
                         .defer("source__archived_text").order_by("id"))),
        ))
    return facts.prefetch_related(*prefetches)


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


def fact_search(*, user, query: ParsedQuery) -> QuerySet[Fact]:
    """Facts matching `query`, best first, with `rank` and `headline_en` annotated
    (the English text HTML-escaped with matches in <mark>)."""
    facts = fact_list(user=user)
    condition = search_condition(query, prefix="search_document__")
    if condition is None:
        return facts.none()
    korean, english = rank_queries(query)
    rank = Value(0.0)
    if korean is not None:
        rank = rank + SearchRank(F("search_document__search_ko"), korean, cover_density=True)
    if english is not None:
        rank = rank + SearchRank(F("search_document__search_en"), english, cover_density=True)
    escaped_en = Replace(Replace(Replace(F("text_en"), Value("&"), Value("&amp;")),
                                 Value("<"), Value("&lt;")), Value(">"), Value("&gt;"))
    headline = SearchHeadline(escaped_en, english, config="english", start_sel="<mark>",
                              stop_sel="</mark>", highlight_all=True) \
        if english is not None else Value("")
    return (facts.filter(condition)
            .annotate(rank=ExpressionWrapper(rank, output_field=FloatField()),
                      headline_en=headline)
            .order_by("-rank", "-id"))



_CHAIN_SQL = """
WITH RECURSIVE later(id, public_id, next_id, depth) AS (
    SELECT f.id, f.public_id, f.superseded_by_id, 0 FROM facts_fact f WHERE f.id = %(id)s
    UNION ALL
    SELECT f.id, f.public_id, f.superseded_by_id, later.depth + 1
    FROM facts_fact f JOIN later ON f.id = later.next_id WHERE later.depth < 100
), earlier(id, public_id, depth) AS (
    SELECT f.id, f.public_id, 0 FROM facts_fact f WHERE f.id = %(id)s
    UNION ALL
    SELECT f.id, f.public_id, earlier.depth - 1
    FROM facts_fact f JOIN earlier ON f.superseded_by_id = earlier.id WHERE earlier.depth > -100
)
SELECT public_id::text, depth FROM later WHERE depth > 0
UNION ALL
SELECT public_id::text, depth FROM earlier WHERE depth < 0
ORDER BY depth
"""


def supersession_chain(*, fact: Fact) -> dict[str, list[str]]:
    """The facts this one replaced (oldest first) and those that replaced it, in one
    query. A fact superseded by one newer fact is the common case; branches (two
    facts replaced by one) appear in `earlier` in order of distance."""
    with connection.cursor() as cursor:
        cursor.execute(_CHAIN_SQL, {"id": fact.pk})
        rows = cursor.fetchall()
    return {"earlier": [public_id for public_id, depth in rows if depth < 0],
            "later": [public_id for public_id, depth in rows if depth > 0]}
