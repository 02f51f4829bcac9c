"""Filters for the facts API. Every value is validated: a malformed date, an
unknown status or a non-number answers 400 naming the parameter."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kbase.core.filters import (
    FullTextFilter,
    IdFilter,
    IsoDateTimeFilter,
    SlugInFilter,
    SlugMultipleFilter,
    StrictBooleanFilter,
    UUIDInFilter,
)
from kbase.core.models import Language
from kbase.sources.normalize import MAX_URL_LENGTH, URL_PATTERN, InvalidURL, normalize_url

from .models import QUANTITY_LIMIT, Citation, Discrepancy, Entity, Fact, Topic


@extend_schema_field({"type": "number", "minimum": -QUANTITY_LIMIT, "maximum": QUANTITY_LIMIT})
class QuantityFilter(django_filters.NumberFilter):
    """A bound on facts' quantities, within what a quantity can hold: beyond it the
    answer is 400, as the schema says (django-filter's own limit, 1e50, is in no
    schema)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -QUANTITY_LIMIT)
        kwargs.setdefault("max_value", QUANTITY_LIMIT)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # max_value is the field's own


@extend_schema_field({"type": "string", "pattern": URL_PATTERN, "maxLength": MAX_URL_LENGTH})
class SourceUrlFilter(django_filters.CharFilter):
    pass


class FactFilterSet(django_filters.FilterSet):
    q = FullTextFilter(label=_("Full-text search in Korean and English (web-search syntax: "
                               "\"a phrase\", -exclude, OR)."))
    id = UUIDInFilter(field_name="public_id", label=_("Fact ids, comma-separated."))
    status = django_filters.MultipleChoiceFilter(
        choices=Fact.Status.choices,
        label=_("Status; repeat for several. Anonymous clients see published facts only."))
    topic = SlugMultipleFilter(
        field_name="topics__slug", to_field_name="slug", queryset=Topic.objects.all(),
        distinct=True, label=_("Topic slug; repeat for several (any of them)."))
    entity = SlugMultipleFilter(
        field_name="entities__slug", to_field_name="slug", queryset=Entity.objects.all(),
        distinct=True, label=_("Entity slug; repeat for several (any of them)."))
    source = IdFilter(method="filter_source",
                                         label=_("Id of a source the fact cites."))
    source_url = SourceUrlFilter(
        method="filter_source_url",
        label=_("Any variant of a cited source's URL (normalised as /sources/lookup/ does)."))
    publisher = SlugInFilter(method="filter_publisher",
                             label=_("Publisher slugs, comma-separated: facts citing them."))
    source_language = django_filters.ChoiceFilter(
        choices=Language.choices, method="filter_source_language",
        label=_("Facts citing an edition in this language."))
    has_ko = StrictBooleanFilter(method="filter_has_text",
                                 label=_("true: has Korean text; false: has none."))
    has_en = StrictBooleanFilter(method="filter_has_text",
                                 label=_("true: has English text; false: has none."))
    as_of_after = django_filters.DateFilter(field_name="as_of", lookup_expr="gte",
                                            label=_("As-of date on or after (YYYY-MM-DD)."))
    as_of_before = django_filters.DateFilter(field_name="as_of", lookup_expr="lte",
                                             label=_("As-of date on or before (YYYY-MM-DD)."))
    quantity_min = QuantityFilter(field_name="quantity_value", lookup_expr="gte",
                                  label=_("Quantity at least."))
    quantity_max = QuantityFilter(field_name="quantity_value", lookup_expr="lte",
                                  label=_("Quantity at most."))
    unit = django_filters.MultipleChoiceFilter(field_name="quantity_unit",
                                               choices=Fact.Unit.choices,
                                               label=_("Quantity unit; repeat for several."))
    created_since = IsoDateTimeFilter(
        field_name="created_at", lookup_expr="gte",
        label=_("Created at or after this ISO 8601 time."))
    updated_since = IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte",
        label=_("Updated at or after this ISO 8601 time (for clients that sync)."))
    needs_review = StrictBooleanFilter(
        method="filter_needs_review",
        label=_("true: in review, or its review-by date has come."))
    review_before = django_filters.DateFilter(field_name="review_by", lookup_expr="lte",
                                              label=_("Review due on or before (YYYY-MM-DD)."))
    has_discrepancy = StrictBooleanFilter(
        method="filter_has_discrepancy",
        label=_("true: editions of a source disagree about the fact."))

    class Meta:
        model = Fact
        fields: list[str] = []

    def filter_source(self, queryset: QuerySet[Fact], name: str, value) -> QuerySet[Fact]:
        return queryset.filter(Exists(Citation.objects.filter(fact=OuterRef("pk"),
                                                              source_id=value)))

    def filter_source_url(self, queryset: QuerySet[Fact], name: str,
                          value: str) -> QuerySet[Fact]:
        try:
            key = normalize_url(value)
        except InvalidURL as error:
            raise serializers.ValidationError({"source_url": [str(error)]}) from error
        return queryset.filter(Exists(Citation.objects.filter(
            fact=OuterRef("pk"), source__normalized_url=key)))

    def filter_publisher(self, queryset: QuerySet[Fact], name: str, value) -> QuerySet[Fact]:
        return queryset.filter(Exists(Citation.objects.filter(
            fact=OuterRef("pk"), source__publisher__slug__in=value)))

    def filter_source_language(self, queryset: QuerySet[Fact], name: str,
                               value) -> QuerySet[Fact]:
        return queryset.filter(Exists(Citation.objects.filter(fact=OuterRef("pk"),
                                                              source__language=value)))

    def filter_has_text(self, queryset: QuerySet[Fact], name: str,
                        value: bool | None) -> QuerySet[Fact]:
        if value is None:
            return queryset
        field = "text_ko" if name == "has_ko" else "text_en"
        empty = Q(**{field: ""})
        return queryset.filter(~empty if value else empty)

    def filter_needs_review(self, queryset: QuerySet[Fact], name: str,
                            value: bool | None) -> QuerySet[Fact]:
        if value is None:
            return queryset
        due = Q(status=Fact.Status.REVIEW) | Q(review_by__lte=timezone.localdate())
        return queryset.filter(due if value else ~due)

    def filter_has_discrepancy(self, queryset: QuerySet[Fact], name: str,
                               value: bool | None) -> QuerySet[Fact]:
        if value is None:
            return queryset
        exists = Exists(Discrepancy.objects.filter(fact=OuterRef("pk")))
        return queryset.filter(exists if value else ~exists)


class DiscrepancyFilterSet(django_filters.FilterSet):
    aspect = django_filters.MultipleChoiceFilter(choices=Discrepancy.Aspect.choices,
                                                 label=_("Aspect; repeat for several."))
    source = IdFilter(field_name="statements__source_id", distinct=True,
                                         label=_("Id of an edition involved."))
    publisher = SlugInFilter(field_name="statements__source__publisher__slug",
                             lookup_expr="in", distinct=True,
                             label=_("Publisher slugs of the editions involved."))
    fact = UUIDInFilter(field_name="fact__public_id", label=_("Fact ids, comma-separated."))

    class Meta:
        model = Discrepancy
        fields: list[str] = []
