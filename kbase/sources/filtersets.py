"""Filters for the sources API; every value is validated (400 names the parameter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kbase.core.filters import FullTextFilter, IsoDateTimeFilter, SlugInFilter
from kbase.core.models import Language

from .models import Source


class SourceFilterSet(django_filters.FilterSet):
    q = FullTextFilter(label=_("Full-text search of titles, programs and publishers, in "
                               "Korean and English."))
    publisher = SlugInFilter(field_name="publisher__slug", lookup_expr="in",
                             label=_("Publisher slugs, comma-separated."))
    language = django_filters.ChoiceFilter(choices=Language.choices,
                                           label=_("The edition's language."))
    kind = django_filters.MultipleChoiceFilter(choices=Source.Kind.choices,
                                               label=_("Kind; repeat for several."))
    work = django_filters.CharFilter(field_name="work__slug",
                                     label=_("Slug of the work: all its editions."))
    published_after = django_filters.DateFilter(field_name="published_on", lookup_expr="gte",
                                                label=_("Published on or after (YYYY-MM-DD)."))
    published_before = django_filters.DateFilter(field_name="published_on", lookup_expr="lte",
                                                 label=_("Published on or before (YYYY-MM-DD)."))
    updated_since = IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte",
        label=_("Updated at or after this ISO 8601 time."))

    class Meta:
        model = Source
        fields: list[str] = []
