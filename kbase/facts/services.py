"""Every write to facts, citations and discrepancies goes through here.

Each service is atomic, normalises text to NFC, validates with `full_clean`
(so the rules are the models'), bumps the fact's version (the basis of ETags
and of conflict detection) and records who did it and why in the history.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pghistory
from django.contrib.auth import models as auth_models
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kbase.core.exceptions import InvalidTransition, ServiceError, StaleVersion
from kbase.core.services import refuse_unknown_fields
from kbase.core.text import clean_text_fields, to_nfc
from kbase.sources.models import Source

from .embeddings import fact_embeddings_schedule
from .indexing import fact_search_refresh
from .models import Citation, Discrepancy, DiscrepancyStatement, Entity, Fact, Topic

User = auth_models.User | auth_models.AnonymousUser | None

FACT_FIELDS = {
    "text_ko", "text_en", "text_ko_origin", "text_en_origin", "quantity_value", "quantity_unit",
    "quantity_qualifier", "as_of", "as_of_precision", "period_start", "period_end", "review_by",
}
CITATION_FIELDS = {"quote", "quote_translation", "locator", "stance", "note", "accessed_on"}
_FACT_TEXT = ("text_ko", "text_en")
_CITATION_TEXT = ("quote", "quote_translation", "locator", "note")


def _user_or_none(user: User) -> auth_models.User | None:
    return user if user is not None and user.is_authenticated else None


def _history(user: User, reason: str) -> pghistory.context:
    """Who and why, attached to every history event written inside the block."""
    account = _user_or_none(user)
    return pghistory.context(user=account.pk if account else None,
                             username=account.get_username() if account else None,
                             reason=reason or "")


def _lock(fact: Fact, expected_version: int | None) -> Fact:
    """Re-read the fact under a row lock and refuse the write if it moved on."""
    locked = Fact.objects.select_for_update().get(pk=fact.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(
            _("This fact changed since you read it (you have version %(yours)d, the current "
              "version is %(current)d). Reload it and apply your change again.")
            % {"yours": expected_version, "current": locked.version},
            current_version=locked.version,
        )
    return locked


def _stamp_text_changes(fact: Fact, before: dict[str, str], now) -> None:
    for field in _FACT_TEXT:
        if getattr(fact, field) != before.get(field, ""):
            setattr(fact, f"{field}_changed_at", now)


def _save_fact(fact: Fact, *, user: User) -> Fact:
    clean_text_fields(fact, _FACT_TEXT)
    fact.updated_by = _user_or_none(user)
    fact.full_clean(exclude=["topics", "entities"])
    fact.save()
    return fact


@transaction.atomic
def fact_create(
    *, user: User = None, topics: Iterable[Topic] = (), entities: Iterable[Entity] = (),
    reason: str = "", public_id=None, **fields: Any,
) -> Fact:
    """Create a draft fact."""
    refuse_unknown_fields(fields, FACT_FIELDS)
    fact = Fact(**fields, created_by=_user_or_none(user))
    if public_id is not None:
        fact.public_id = public_id
    clean_text_fields(fact, _FACT_TEXT)
    _stamp_text_changes(fact, {}, timezone.now())
    with _history(user, reason or _("created")):
        _save_fact(fact, user=user)
        fact.topics.set(topics)
        fact.entities.set(entities)
    fact_search_refresh(fact_ids=[fact.pk])
    fact_embeddings_schedule(fact_ids=[fact.pk])
    return fact


@transaction.atomic
def fact_update(
    *, fact: Fact, user: User = None, expected_version: int | None = None, reason: str = "",
    topics: Iterable[Topic] | None = None, entities: Iterable[Entity] | None = None,
    **fields: Any,
) -> Fact:
    """Change a fact's content. With `expected_version`, refuse if someone else saved first."""
    refuse_unknown_fields(fields, FACT_FIELDS)
    locked = _lock(fact, expected_version)
    before = {field: getattr(locked, field) for field in _FACT_TEXT}
    for name, value in fields.items():
        setattr(locked, name, value)
    clean_text_fields(locked, _FACT_TEXT)
    _stamp_text_changes(locked, before, timezone.now())
    locked.version += 1
    with _history(user, reason):
        _save_fact(locked, user=user)
        if topics is not None:
            locked.topics.set(topics)
        if entities is not None:
            locked.entities.set(entities)
    fact_search_refresh(fact_ids=[locked.pk])
    fact_embeddings_schedule(fact_ids=[locked.pk])
    return locked


def _transition(*, fact: Fact, user: User, allowed_from: set[str], to: str, reason: str,
                expected_version: int | None, **changes: Any) -> Fact:
    locked = _lock(fact, expected_version)
    if locked.status not in allowed_from:
        raise InvalidTransition(
            _("A %(status)s fact cannot become %(target)s.")
            % {"status": locked.get_status_display(), "target": Fact.Status(to).label},
            field="status", current_status=locked.status,
        )
    locked.status = to
    locked.status_reason = reason
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.version += 1
    with _history(user, reason):
        _save_fact(locked, user=user)
    return locked


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("A reason is required."), field="reason")
    return reason


@transaction.atomic
def fact_submit_for_review(*, fact: Fact, user: User = None, reason: str = "",
                           expected_version: int | None = None) -> Fact:
    return _transition(fact=fact, user=user, allowed_from={Fact.Status.DRAFT},
                       to=Fact.Status.REVIEW, reason=reason or _("sent to review"),
                       expected_version=expected_version)


@transaction.atomic
def fact_publish(*, fact: Fact, user: User = None, reason: str,
                 expected_version: int | None = None) -> Fact:
    """Publish a draft or reviewed fact; a published fact rests on at least one citation."""
    reason = _require_reason(reason)
    # Counted under the fact's lock, which citation_delete takes too: a citation
    # removed meanwhile is either seen gone here or refused there.
    _lock(fact, expected_version)
    if not Citation.objects.filter(fact_id=fact.pk).exists():
        raise InvalidTransition(_("A fact needs at least one citation before it is published."),
                                field="citations")
    return _transition(fact=fact, user=user,
                       allowed_from={Fact.Status.DRAFT, Fact.Status.REVIEW},
                       to=Fact.Status.PUBLISHED, reason=reason,
                       expected_version=expected_version, published_at=timezone.now())


@transaction.atomic
def fact_retract(*, fact: Fact, user: User = None, reason: str,
                 expected_version: int | None = None) -> Fact:
    reason = _require_reason(reason)
    return _transition(fact=fact, user=user,
                       allowed_from={Fact.Status.PUBLISHED, Fact.Status.REVIEW},
                       to=Fact.Status.RETRACTED, reason=reason,
                       expected_version=expected_version)


@transaction.atomic
def fact_supersede(*, fact: Fact, replacement: Fact, user: User = None, reason: str,
                   expected_version: int | None = None) -> Fact:
    """Mark a published fact superseded by `replacement`, a published fact.

    Readers follow superseded_by to the replacement, so it must be one they can read:
    not a draft or a fact in review (the public would find nothing there), nor a
    retracted or superseded one. Since the replacement is never superseded, following
    superseded_by from `fact` ends at it: no chain can loop back."""
    reason = _require_reason(reason)
    if replacement.pk == fact.pk:
        raise ServiceError(_("A fact cannot supersede itself."), field="replacement")
    # Both rows locked, always in the same order: two editors superseding A by B
    # and B by A wait for each other instead of deadlocking.
    locked = {row.pk: row for row in Fact.objects.select_for_update()
              .filter(pk__in=[fact.pk, replacement.pk]).order_by("pk")}
    replacement = locked[replacement.pk]
    if replacement.status != Fact.Status.PUBLISHED:  # "current": published, and so public
        raise ServiceError(
            _("The replacement is %(status)s; choose a current fact.")
            % {"status": replacement.get_status_display()}, field="replacement")
    return _transition(fact=fact, user=user, allowed_from={Fact.Status.PUBLISHED},
                       to=Fact.Status.SUPERSEDED, reason=reason,
                       expected_version=expected_version, superseded_by=replacement)


@transaction.atomic
def fact_confirm_translation(*, fact: Fact, language: str, user: User = None,
                             reason: str = "") -> Fact:
    """An editor confirms that `language`'s text still matches the other language."""
    if language not in {"ko", "en"}:
        raise ServiceError(_("Language must be 'ko' or 'en'."), field="language")
    locked = _lock(fact, None)
    setattr(locked, f"text_{language}_reviewed_at", timezone.now())
    locked.version += 1
    with _history(user, reason or _("translation confirmed")):
        _save_fact(locked, user=user)
    return locked


@transaction.atomic
def fact_delete(*, fact: Fact, user: User = None, reason: str = "",
                expected_version: int | None = None) -> None:
    locked = _lock(fact, expected_version)
    if Fact.objects.filter(superseded_by=locked).exists():
        raise InvalidTransition(_("Other facts are superseded by this one; it cannot be "
                                  "deleted. Retract it instead."), field="status")
    with _history(user, reason or _("deleted")):
        locked.delete()


def _touch(fact: Fact, user: User) -> None:
    """A citation or discrepancy changed: the fact's representation changed too."""
    Fact.objects.filter(pk=fact.pk).update(version=F("version") + 1,
                                           updated_at=timezone.now(),
                                           updated_by=_user_or_none(user))


@transaction.atomic
def citation_create(*, fact: Fact, source: Source, user: User = None, reason: str = "",
                    **fields: Any) -> Citation:
    refuse_unknown_fields(fields, CITATION_FIELDS)
    citation = Citation(fact=fact, source=source, **fields)
    clean_text_fields(citation, _CITATION_TEXT)
    citation.full_clean()
    with _history(user, reason or _("citation added")):
        citation.save()
        _touch(fact, user)
    fact_search_refresh(fact_ids=[fact.pk])
    return citation


@transaction.atomic
def citation_update(*, citation: Citation, user: User = None, reason: str = "",
                    source: Source | None = None, **fields: Any) -> Citation:
    refuse_unknown_fields(fields, CITATION_FIELDS)
    if source is not None:
        citation.source = source
    for name, value in fields.items():
        setattr(citation, name, value)
    clean_text_fields(citation, _CITATION_TEXT)
    citation.full_clean()
    with _history(user, reason or _("citation changed")):
        citation.save()
        _touch(citation.fact, user)
    fact_search_refresh(fact_ids=[citation.fact_id])
    return citation


@transaction.atomic
def citation_delete(*, citation: Citation, user: User = None, reason: str = "") -> None:
    """Remove a citation; a published fact keeps at least one. The fact's row lock
    (as fact_publish takes it) makes concurrent removals and publishing take turns,
    each seeing the citations the one before left."""
    fact = _lock(citation.fact, None)
    others = Citation.objects.filter(fact_id=fact.pk).exclude(pk=citation.pk)
    if fact.status == Fact.Status.PUBLISHED and not others.exists():
        raise InvalidTransition(_("A published fact keeps at least one citation."),
                                field="citations")
    with _history(user, reason or _("citation removed")):
        citation.delete()
        _touch(fact, user)
    fact_search_refresh(fact_ids=[fact.pk])


@transaction.atomic
def discrepancy_create(
    *, slug: str, fact: Fact, aspect: str, statements: Iterable[tuple[Source, str]],
    note_ko: str = "", note_en: str = "", user: User = None, reason: str = "",
) -> Discrepancy:
    """Record that editions of one work disagree about `fact`, each in its own words."""
    statements = list(statements)
    if not statements:
        raise ValidationError({"statements": [_("Say what at least one edition says.")]})
    works = {source.work_id for source, _says in statements}
    if len(works) > 1:
        raise ValidationError({"statements": [
            _("A discrepancy compares editions of one work; these sources belong to "
              "different works.")]})
    discrepancy = Discrepancy(slug=slug, fact=fact, aspect=aspect, note_ko=note_ko,
                              note_en=note_en)
    clean_text_fields(discrepancy, ("note_ko", "note_en"))
    discrepancy.full_clean()
    with _history(user, reason or _("discrepancy recorded")):
        discrepancy.save()
        for source, says in statements:
            statement = DiscrepancyStatement(discrepancy=discrepancy, source=source, says=says)
            clean_text_fields(statement, ("says",))
            statement.full_clean()
            statement.save()
        _touch(fact, user)
    return discrepancy


@transaction.atomic
def named_save(*, thing: Topic | Entity) -> Topic | Entity:
    """Create or change a topic or entity; the facts filed under it are re-indexed,
    since its names and aliases are part of their search documents."""
    for field_name in ("name_ko", "name_en"):
        setattr(thing, field_name, to_nfc(getattr(thing, field_name)).strip())
    thing.aliases_ko = [to_nfc(alias).strip() for alias in thing.aliases_ko if alias.strip()]
    thing.aliases_en = [to_nfc(alias).strip() for alias in thing.aliases_en if alias.strip()]
    thing.full_clean()
    thing.save()
    fact_search_refresh(fact_ids=thing.facts.values_list("pk", flat=True))
    return thing
