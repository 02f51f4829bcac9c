"""The API's filter backend (its own module: DRF imports it while defining its views)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

# Filters that take a value several times (topic=a&topic=b); every other filter takes
# one value (a list, if any, comma-separated inside it).
_REPEATABLE = (django_filters.MultipleChoiceFilter, django_filters.ModelMultipleChoiceFilter)


def named_filters(request, filterset_class) -> set[str]:
    """The filters of `filterset_class` that the request's query names."""
    return request.query_params.keys() & filterset_class.base_filters.keys()


class KbaseFilterBackend(DjangoFilterBackend):
    """django-filter, with two differences. A filter that takes one value given twice
    answers 400 (django-filter would silently use the last). And it is skipped when
    the request names none of the filters: building and validating a filter form
    costs milliseconds that an unfiltered list (most requests) need not pay."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return super().filter_queryset(request, queryset, view)
        named = named_filters(request, filterset_class)
        if not named:
            return queryset
        repeated = sorted(name for name in named
                          if len(request.query_params.getlist(name)) > 1
                          and not isinstance(filterset_class.base_filters[name], _REPEATABLE))
        if repeated:
            raise ValidationError({name: [_("Give this filter once (several values go "
                                            "comma-separated in one).")]
                                   for name in repeated})
        return super().filter_queryset(request, queryset, view)
