"""The change feed: every recorded change to facts, citations, discrepancies and
sources, oldest first, from the database-trigger history (pghistory), as a public
representation.

A mirror follows it with a cursor and never misses or repeats a change. Events
carry their transaction's start time, and the feed only serves events older
than the start of every transaction still running: whatever commits later
can only sort after what has been served.

Each change names objects as the rest of the API does (a fact by its public id, a
citation and a source by their API id, a discrepancy by its slug) and shows only
the fields SHAPES declares public. A client who may not see unpublished facts
sees a fact's changes from its publication on (the publication itself as the
whole published fact), its citations' and discrepancies' changes from the
transaction after it, nothing of a fact that is not public now, and no author."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    F,
    Func,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.crypto import salted_hmac
from pghistory.models import Events

from kbase.sources.models import Publisher, Work

from .models import Fact
from .selectors import WITHDRAWN, can_see_unpublished

FACT_EVENT, CITATION_EVENT = "facts.FactEvent", "facts.CitationEvent"
DISCREPANCY_EVENT, SOURCE_EVENT = "facts.DiscrepancyEvent", "sources.SourceEvent"
EVENT_MODELS = [FACT_EVENT, CITATION_EVENT, DISCREPANCY_EVENT, SOURCE_EVENT]
# What anonymous clients may read by a link: the selectors' rule, on events.
PUBLIC_STATUSES = [Fact.Status.PUBLISHED, *WITHDRAWN]

# A recorded column holding another row's id, shown as the API names that row.
FACT_REF, PUBLISHER_REF, WORK_REF = "fact", "publisher", "work"


@dataclass(frozen=True)
class Shape:
    """How the feed shows one model's changes: the object's type, the recorded
    column the API names it by, the column naming its fact, and its public fields:
    API name -> recorded column, or (recorded column, what it refers to)."""

    type: str
    id_column: str
    fact_column: str | None
    fields: dict[str, str | tuple[str, str]] = field(default_factory=dict)


def _same(*names: str) -> dict[str, str | tuple[str, str]]:
    return {name: name for name in names}


# The one declaration of what each model's changes show. Not shown: row ids, account
# ids (created_by, updated_by), a source's archived text (only has_archived_text).
SHAPES = {
    FACT_EVENT: Shape("fact", "public_id", None, {
        **_same("text_ko", "text_en", "text_ko_origin", "text_en_origin", "quantity_value",
                "quantity_unit", "quantity_qualifier", "as_of", "as_of_precision",
                "period_start", "period_end", "status", "status_reason", "published_at"),
        "superseded_by": ("superseded_by_id", FACT_REF),
        **_same("review_by", "version", "created_at", "updated_at")}),
    CITATION_EVENT: Shape("citation", "id", "fact_id", {
        "source": "source_id",
        **_same("quote", "quote_translation", "locator", "stance", "note", "accessed_on",
                "created_at", "updated_at")}),
    DISCREPANCY_EVENT: Shape("discrepancy", "slug", "fact_id", _same(
        "slug", "aspect", "note_ko", "note_en", "created_at", "updated_at")),
    SOURCE_EVENT: Shape("source", "id", None, {
        **_same("slug", "url", "normalized_url"),
        "publisher": ("publisher_id", PUBLISHER_REF), "work": ("work_id", WORK_REF),
        **_same("kind", "language", "edition_kind", "title_ko", "title_en", "authors",
                "program", "published_on", "published_precision", "published_note",
                "accessed_on", "has_archived_text", "created_at", "updated_at")}),
}
MODELS_BY_TYPE = {shape.type: model for model, shape in SHAPES.items()}

_HORIZON_SQL = """
SELECT LEAST(min(xact_start), clock_timestamp()) FROM pg_stat_activity
WHERE datname = current_database() AND backend_type = 'client backend'
  AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
"""


def change_horizon() -> datetime:
    """Changes before this instant are final: no running transaction can add any."""
    with connection.cursor() as cursor:
        cursor.execute(_HORIZON_SQL)
        horizon = cursor.fetchone()[0]
        if horizon is None:
            cursor.execute("SELECT clock_timestamp()")
            horizon = cursor.fetchone()[0]
    return horizon


@dataclass(frozen=True)
class Position:
    """Where a reader is in the feed: past the first `served` changes of `type`
    (of those this reader may see) stamped `at`, and everything before them.
    No row id: changes stamped alike are one transaction's, all final once
    served, so their count is stable."""

    at: datetime
    type: str
    served: int


def event_id(model: str, pgh_id: int) -> str:
    """A change's id: stable (while the secret key is), unique, and opaque."""
    return salted_hmac("kbase.facts.changes.event", f"{model}:{pgh_id}",
                       algorithm="sha256").hexdigest()[:32]


class _Without(Func):
    """A recorded row or diff (jsonb) without one key."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = JSONField()


def _fact_ref():
    """The fact a change concerns (its row id, for the queries only)."""
    return Case(When(pgh_model=FACT_EVENT, then=Cast("pgh_obj_id", BigIntegerField())),
                default=Cast(KT("pgh_data__fact_id"), BigIntegerField()))


def _fact_events(**filters) -> QuerySet:
    return apps.get_model("facts", "FactEvent").objects.filter(
        pgh_obj_id=OuterRef("fact_ref"), **filters)


def _visible_to(events: QuerySet, *, public: bool) -> QuerySet:
    """Anonymous clients see a fact's changes from the one that made it public, its
    citations' and discrepancies' from the transaction after, and nothing of a fact
    whose last recorded state (deleted or not) is not public."""
    if not public:
        return events
    events = events.alias(
        fact_ref=_fact_ref(), own_status=KT("pgh_data__status"),
        fact_now=Subquery(_fact_events().order_by("-pgh_id").values("status")[:1]),
        public_since=Subquery(_fact_events(status__in=PUBLIC_STATUSES)
                              .order_by("pgh_id").values("pgh_created_at")[:1]),
    ).annotate(  # the change that made the fact public
        publication=Subquery(_fact_events(status__in=PUBLIC_STATUSES)
                             .order_by("pgh_id").values("pgh_id")[:1]))
    return events.filter(
        Q(pgh_model=SOURCE_EVENT)
        | Q(fact_now__in=PUBLIC_STATUSES)
        & (Q(pgh_model=FACT_EVENT, own_status__in=PUBLIC_STATUSES)
           | Q(pgh_model__in=[CITATION_EVENT, DISCREPANCY_EVENT],
               pgh_created_at__gt=F("public_since"))))


def _shaped(events: QuerySet, *, public: bool) -> QuerySet:
    """What change_data() reads, the archived text left in the database: the row
    and diff without it, and whether there was one after and before."""
    archived = Cast(Value("archived_text"), TextField())
    return (_visible_to(events, public=public)
            .alias(archived_new=KT("pgh_data__archived_text"),
                   archived_old=KT("pgh_diff__archived_text__0"))
            .annotate(data=_Without("pgh_data", archived), diff=_Without("pgh_diff", archived),
                      had_archived_text=Case(When(archived_old__gt="", then=True),
                                             When(archived_old="", then=False),
                                             default=None, output_field=BooleanField()),
                      has_archived_text=Case(When(archived_new__gt="", then=True),
                                             default=False, output_field=BooleanField()))
            .defer("pgh_data", "pgh_diff")
            .order_by("pgh_created_at", "pgh_model", "pgh_id"))


def change_list(*, user, after: Position | None = None, since: datetime | None = None,
                horizon: datetime) -> QuerySet:
    """Changes from the cursor's group (skip `after.served` of them) or the time,
    up to the horizon."""
    events = Events.objects.across(*EVENT_MODELS).filter(pgh_created_at__lt=horizon)
    if after is not None:
        events = events.filter(Q(pgh_created_at__gt=after.at)
                               | Q(pgh_created_at=after.at,
                                   pgh_model__gte=MODELS_BY_TYPE[after.type]))
    elif since is not None:
        events = events.filter(pgh_created_at__gte=since)
    return _shaped(events, public=not can_see_unpublished(user))


def change_page(*, user, after: Position | None, since: datetime | None, horizon: datetime,
                size: int) -> tuple[list, Position | None]:
    """A page of changes and the position after it (None when it is empty)."""
    skip = after.served if after is not None else 0
    events = list(change_list(user=user, after=after, since=since,
                              horizon=horizon)[skip:skip + size])
    if not events:
        return events, None
    last = events[-1]
    group = [event for event in events if (event.pgh_created_at, event.pgh_model)
             == (last.pgh_created_at, last.pgh_model)]
    last_type = SHAPES[last.pgh_model].type
    served = len(group)
    if after is not None and (after.at, after.type) == (last.pgh_created_at, last_type):
        served += after.served
    return events, Position(last.pgh_created_at, last_type, served)


def fact_history(*, fact: Fact, user) -> QuerySet:
    """One fact's changes, with its citations' and discrepancies', oldest first."""
    return _shaped(Events.objects.references(fact), public=not can_see_unpublished(user))


def _references(events: list) -> dict[tuple[str, int], str]:
    """The public names of the rows the changes refer to, in one query: facts (the
    deleted ones from their deletion), publishers and works."""
    wanted: dict[str, set[int]] = {FACT_REF: set(), PUBLISHER_REF: set(), WORK_REF: set()}
    for event in events:
        shape = SHAPES[event.pgh_model]
        data, diff = event.data or {}, event.diff or {}
        if shape.fact_column and data.get(shape.fact_column) is not None:
            wanted[FACT_REF].add(data[shape.fact_column])
        for source in shape.fields.values():
            if isinstance(source, tuple):
                column, kind = source
                values = [data.get(column), *diff.get(column, [])]
                wanted[kind].update(value for value in values if value is not None)
    if not any(wanted.values()):
        return {}

    def names(queryset: QuerySet, kind: str, pk: str, name: str) -> QuerySet:
        return queryset.values_list(Value(kind, output_field=TextField()),
                                    Cast(pk, BigIntegerField()), Cast(name, TextField()))

    fact_events = apps.get_model("facts", "FactEvent").objects
    parts = [
        names(Fact.objects.filter(pk__in=wanted[FACT_REF]), FACT_REF, "pk", "public_id"),
        names(fact_events.filter(pgh_obj_id__in=wanted[FACT_REF], pgh_label="delete"),
              FACT_REF, "pgh_obj_id", "public_id"),
        names(Publisher.objects.filter(pk__in=wanted[PUBLISHER_REF]), PUBLISHER_REF, "pk",
              "slug"),
        names(Work.objects.filter(pk__in=wanted[WORK_REF]), WORK_REF, "pk", "slug"),
    ]
    return {(kind, pk): name for kind, pk, name in parts[0].union(*parts[1:], all=True)}


def changes_data(events, *, user) -> list[dict]:
    """change_data() of each event. Readers of drafts are told each change's author:
    a change written through the services carries its author's username; one
    written elsewhere (the API's source edits, say) only the account's id, looked
    up here for the whole page at once."""
    events = list(events)
    references = _references(events)
    if not can_see_unpublished(user):
        return [change_data(event, references=references) for event in events]
    # Account ids: the history context's "user" is the account's pk (None removed).
    ids = cast("set[int]", {(event.pgh_context or {}).get("user") for event in events
                            if not (event.pgh_context or {}).get("username")} - {None})
    usernames = {pk: name for pk, name in get_user_model().objects.filter(pk__in=ids)
                 .values_list("pk", get_user_model().USERNAME_FIELD)} if ids else {}
    return [change_data(event, references=references, usernames=usernames)
            for event in events]


def change_data(event, *, references: dict[tuple[str, int], str],
                usernames: dict | None = None) -> dict:
    """One change as the feed shows it; `usernames` (readers of drafts only) adds `who`."""
    shape = SHAPES[event.pgh_model]
    data = {**(event.data or {}), "has_archived_text": event.has_archived_text}
    diff = dict(event.diff or {})
    if event.had_archived_text is not None \
            and event.had_archived_text != event.has_archived_text:
        diff["has_archived_text"] = [event.had_archived_text, event.has_archived_text]

    def public(value: Any, source: str | tuple[str, str]) -> Any:
        if isinstance(source, tuple) and value is not None:
            return references.get((source[1], value))
        return value

    def column(source: str | tuple[str, str]) -> str:
        return source[0] if isinstance(source, tuple) else source

    # A client who saw nothing of the fact before its publication is shown it whole.
    whole = event.pgh_label == "insert" or getattr(event, "publication", None) == event.pgh_id
    if whole:
        fields = {name: {"old": None, "new": public(data.get(column(source)), source)}
                  for name, source in shape.fields.items()}
    else:
        fields = {name: {"old": public(diff[column(source)][0], source),
                         "new": public(diff[column(source)][1], source)}
                  for name, source in shape.fields.items() if column(source) in diff}
    fact = data.get(shape.fact_column) if shape.fact_column else None
    context = event.pgh_context or {}
    change = {
        "id": event_id(event.pgh_model, event.pgh_id),
        "object": {"type": shape.type, "id": str(data.get(shape.id_column)),
                   "fact_id": (references.get((FACT_REF, fact)) if fact is not None
                               else data.get("public_id"))},
        "action": event.pgh_label,
        "fields": fields,
    }
    if usernames is not None:
        who = context.get("username")
        if not who and context.get("user") is not None:
            who = usernames.get(context["user"])
        change["who"] = who
    change["when"] = event.pgh_created_at.isoformat()
    change["why"] = context.get("reason") or ""
    return change
