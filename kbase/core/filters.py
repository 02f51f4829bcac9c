"""Filter types that refuse what they do not understand, instead of ignoring it."""

from __future__ import annotations

from datetime import UTC, datetime

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .search import MAX_QUERY_LENGTH, QueryError, parse_query, search_condition
from .serializers import SLUG_PATTERN

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def as_utc(value: datetime) -> datetime:
    """An aware time in UTC. ISO 8601 allows UTC offsets PostgreSQL refuses (beyond
    ±15:59); in UTC every one is fine. A time past either end of the calendar clamps
    to that end."""
    try:
        return value.astimezone(UTC)
    except OverflowError:
        return (datetime.min if value.year == 1 else datetime.max).replace(tzinfo=UTC)


class UtcIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    def to_python(self, value):
        value = super().to_python(value)
        return as_utc(value) if value is not None else None


class IsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 time with any UTC offset."""

    field_class = UtcIsoDateTimeField


class StrictBooleanField(forms.Field):
    default_error_messages = {"invalid": _("Use 'true' or 'false'.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        lowered = str(value).lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(django_filters.Filter):
    """django-filter's BooleanFilter reads 'maybe' as no filter at all; this one
    answers 400."""

    field_class = StrictBooleanField


class IdField(forms.IntegerField):
    """A database id: a whole number that fits PostgreSQL's bigint."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class UUIDInFilter(django_filters.BaseInFilter, django_filters.UUIDFilter):
    pass


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    pass


@extend_schema_field({"type": "string", "pattern": f"^{SLUG_PATTERN}$"})
class SlugInFilter(CharInFilter):
    """Objects named by slug, comma-separated; text that cannot be a slug answers 400
    (an unknown slug is a valid question: nothing cites it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [RegexValidator(
            f"^{SLUG_PATTERN}$",
            _("Not a slug: use letters, digits, hyphens and underscores, comma-separated."))])
        super().__init__(*args, **kwargs)


class SlugMultipleField(django_filters.fields.ModelMultipleChoiceField):
    def clean(self, value):
        # An empty value is no filter, as for every other filter.
        return super().clean([item for item in value or [] if item != ""])


# Empty is allowed: an empty value is no filter.
@extend_schema_field({"type": "string", "pattern": r"^[-a-zA-Z0-9_]*$"})
class SlugMultipleFilter(django_filters.ModelMultipleChoiceFilter):
    """Related objects named by slug; an unknown slug answers 400 (so that a typo is
    not read as "nothing matches")."""

    field_class = SlugMultipleField

    def filter(self, qs, value):
        # Rows related to any of the objects, as a semi-join: a join would repeat
        # rows (and need DISTINCT over whole, wide rows to undo it).
        if value is None or not len(value):
            return qs
        relation = self.field_name.rsplit("__", 1)[0]
        related = qs.model._base_manager.filter(**{f"{relation}__in": value}).values("pk")
        return qs.filter(pk__in=related)


@extend_schema_field({"type": "string", "maxLength": MAX_QUERY_LENGTH})
class FullTextFilter(django_filters.CharFilter):
    """`q`: bilingual full-text search in web-search syntax over the model's search
    document. Empty or whitespace-only is no filter; an over-long query is a 400."""

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        try:
            parsed = parse_query(value)
        except QueryError as error:
            raise serializers.ValidationError({self.field_name: [str(error)]}) from error
        condition = search_condition(parsed, prefix="search_document__")
        return qs.filter(condition) if condition is not None else qs

