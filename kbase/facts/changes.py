"""The change feed: every recorded change to facts, citations, discrepancies and
sources, oldest first, from the database-trigger history (pghistory).

A mirror follows it with a cursor and never misses or repeats a change. Events
carry their transaction's start time, and the feed only serves events older
than the start of every transaction still running: whatever commits later
can only sort after what has been served."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BigIntegerField, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from pghistory.models import Events

from .models import Fact
from .selectors import can_see_unpublished

EVENT_MODELS = ["facts.FactEvent", "facts.CitationEvent", "facts.DiscrepancyEvent",
                "sources.SourceEvent"]
OBJECT_TYPES = {"facts.FactEvent": "fact", "facts.CitationEvent": "citation",
                "facts.DiscrepancyEvent": "discrepancy", "sources.SourceEvent": "source"}
PUBLIC_STATUSES = [Fact.Status.PUBLISHED, Fact.Status.RETRACTED, Fact.Status.SUPERSEDED]

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


def _visible_to(events: QuerySet, user) -> QuerySet:
    """Anonymous clients see no change made while a fact was a draft or in review,
    and nothing of a fact that is not public now."""
    if can_see_unpublished(user):
        return events
    public_fact_ids = Fact.objects.filter(status__in=PUBLIC_STATUSES).values("pk")
    events = events.annotate(
        fact_ref=Cast(KeyTextTransform("fact_id", "pgh_data"), BigIntegerField()),
        fact_status=KeyTextTransform("status", "pgh_data"))
    return events.filter(
        Q(pgh_model="sources.SourceEvent")
        | Q(pgh_model="facts.FactEvent", fact_status__in=PUBLIC_STATUSES)
        | Q(pgh_model__in=["facts.CitationEvent", "facts.DiscrepancyEvent"],
            fact_ref__in=public_fact_ids))


def change_list(*, user, after: tuple[datetime, str, int] | None = None,
                since: datetime | None = None, horizon: datetime) -> QuerySet:
    """Changes after the cursor position (or the timestamp), up to the horizon."""
    events = Events.objects.across(*EVENT_MODELS).filter(pgh_created_at__lt=horizon)
    if after is not None:
        at, model, pk = after
        events = events.filter(Q(pgh_created_at__gt=at)
                               | Q(pgh_created_at=at, pgh_model__gt=model)
                               | Q(pgh_created_at=at, pgh_model=model, pgh_id__gt=pk))
    elif since is not None:
        events = events.filter(pgh_created_at__gte=since)
    return _visible_to(events, user).order_by("pgh_created_at", "pgh_model", "pgh_id")


def fact_history(*, fact: Fact, user) -> QuerySet:
    """One fact's changes, with its citations' and discrepancies', oldest first."""
    events = Events.objects.references(fact)
    return _visible_to(events, user).order_by("pgh_created_at", "pgh_model", "pgh_id")


def changes_data(events) -> list[dict]:
    """change_data() of each event, naming every author: a change written through the
    services carries its author's username; one written elsewhere (the API's source
    edits, say) only the account's id, looked up here for the whole page at once."""
    events = list(events)
    # Account ids: the history context's "user" is the account's pk (None removed).
    ids = cast("set[int]", {(event.pgh_context or {}).get("user") for event in events
                            if not (event.pgh_context or {}).get("username")} - {None})
    usernames = {pk: name for pk, name in get_user_model().objects.filter(pk__in=ids)
                 .values_list("pk", get_user_model().USERNAME_FIELD)} if ids else {}
    return [change_data(event, usernames=usernames) for event in events]


def change_data(event, *, usernames: dict | None = None) -> dict:
    context = event.pgh_context or {}
    who = context.get("username")
    if not who and context.get("user") is not None:
        who = (usernames or {}).get(context["user"])
    data = event.pgh_data or {}
    if event.pgh_diff:
        fields = {name: {"old": change[0], "new": change[1]}
                  for name, change in event.pgh_diff.items()}
    elif event.pgh_label == "insert":
        fields = {name: {"old": None, "new": value} for name, value in data.items()}
    else:
        fields = {}
    fact_ref = data.get("public_id") if event.pgh_model == "facts.FactEvent" \
        else data.get("fact_id")
    return {
        "id": f"{event.pgh_model}:{event.pgh_id}",
        "object": {"type": OBJECT_TYPES.get(event.pgh_model, event.pgh_model),
                   "id": str(event.pgh_obj_id),
                   "fact_id": str(fact_ref) if fact_ref is not None else None},
        "action": event.pgh_label,
        "fields": fields,
        "who": who,
        "when": event.pgh_created_at.isoformat(),
        "why": context.get("reason") or "",
    }
