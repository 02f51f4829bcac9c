"""The sources API: editions and their publishers. The facts citing a source, and
the lookup by URL, are the facts app's (kbase.facts.api.views.SourceFactsViewSet)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_view
from orjson import Fragment
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kbase.core.api import (
    BuiltRowRetrieveMixin,
    KbaseCursorPagination,
    KbaseModelViewSet,
    KbaseSlugReadOnlyViewSet,
)
from kbase.core.filter_backends import KbaseFilterBackend

from .. import selectors, services
from ..filtersets import SourceFilterSet
from ..models import Publisher, Source
from . import docs
from .serializers import PublisherSerializer, SourceSerializer, SourceWriteSerializer


class SourceCursorPagination(KbaseCursorPagination):
    ordering = ("-id",)


@extend_schema_view(**docs.SOURCE_VIEWSET)
class SourceViewSet(KbaseModelViewSet):
    queryset = Source.objects.none()
    lookup_value_regex = r"[0-9]{1,18}"
    filter_backends = [KbaseFilterBackend]
    filterset_class = SourceFilterSet
    pagination_class = SourceCursorPagination
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if self.action in {"list", "retrieve"}:
            return selectors.source_rows(language=self.served_language)
        return selectors.source_list()  # writes load the source for the services

    def get_serializer_class(self):
        if self.action in {"create", "partial_update"}:
            return SourceWriteSerializer
        return SourceSerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        row = self.get_object()
        return self.respond_with_etag(request, row["json"],
                                      str(int(row["updated_at"].timestamp() * 1_000_000)))

    def _represent(self, source: Source) -> Fragment:
        return Fragment(selectors.source_rows(language=self.served_language)
                        .get(pk=source.pk)["json"])

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = SourceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attrs = dict(serializer.validated_data)
        source = services.source_create(publisher=attrs.pop("publisher"),
                                        edition_of=attrs.pop("edition_of", None), **attrs)
        return Response(self._represent(source), status=status.HTTP_201_CREATED,
                        headers={"Location": f"/api/v1/sources/{source.pk}/"})

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        source = self.get_object()
        serializer = SourceWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        attrs = dict(serializer.validated_data)
        edition_of = attrs.pop("edition_of", None)
        source = services.source_update(source=source, **attrs)
        if edition_of is not None:
            services.source_link_editions(source=edition_of, other=source)
        return Response(self._represent(source))

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        services.source_delete(source=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def editions(self, request: Request, pk=None) -> Response:
        editions = selectors.source_edition_rows(source=self.get_object(),
                                                 language=self.served_language)
        return Response([Fragment(row["json"]) for row in editions])


@extend_schema_view(**docs.PUBLISHER_VIEWSET)
class PublisherViewSet(BuiltRowRetrieveMixin, KbaseSlugReadOnlyViewSet):
    queryset = Publisher.objects.none()
    serializer_class = PublisherSerializer

    def get_queryset(self):
        return selectors.publisher_rows(language=self.served_language)
