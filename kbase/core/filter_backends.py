"""The API's filter backend (its own module: DRF imports it while defining its views)."""

from __future__ import annotations

import functools

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
    the request names none of the filters, and holds only those it names otherwise:
    building and validating a filter form costs milliseconds that an unfiltered
    list (most requests) need not pay, nor a filtered one for other filters."""

    # While filtering, the filters the request names (a backend serves one call).
    _named: frozenset[str] | None = None

    def get_filterset_class(self, view, queryset=None):
        filterset_class = super().get_filterset_class(view, queryset)
        if filterset_class is None or self._named is None:
            return filterset_class  # the schema and the browsable API: every filter
        return _only(filterset_class, self._named)

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
        self._named = frozenset(named)
        return super().filter_queryset(request, queryset, view)


@functools.lru_cache(maxsize=256)
def _only(filterset_class: type[django_filters.FilterSet],
          names: frozenset[str]) -> type[django_filters.FilterSet]:
    """`filterset_class` with only the filters `names`. django-filter copies every
    filter of its class, and builds and cleans a form field for each, on every
    request: for the facts' 21 filters, two thirds of a filtered list's Python
    (a topic and a date: 4.1 ms), most of it for filters nobody asked for."""
    narrowed: type[django_filters.FilterSet] = type(
        filterset_class.__name__, (filterset_class,), {"__module__": filterset_class.__module__})
    narrowed.base_filters = {name: filter_ for name, filter_ in
                             filterset_class.base_filters.items() if name in names}
    return narrowed
