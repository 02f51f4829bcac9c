"""The sources API: editions, their publishers, and the facts that cite them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kbase.core.api import (
    MAX_PAGE_SIZE,
    KbaseCursorPagination,
    KbaseModelViewSet,
    KbaseSlugReadOnlyViewSet,
)
from kbase.core.filter_backends import KbaseFilterBackend
from kbase.facts import selectors as fact_selectors
from kbase.facts.api.serializers import FactSerializer

from .. import selectors, services
from ..filtersets import SourceFilterSet
from ..models import Publisher, Source
from ..normalize import InvalidURL, normalize_url
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
        return selectors.source_list()

    def get_serializer_class(self):
        if self.action in {"create", "partial_update"}:
            return SourceWriteSerializer
        if self.action == "facts":
            return FactSerializer
        return SourceSerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        source = self.get_object()
        data = self.get_serializer(source).data
        return self.respond_with_etag(request, data, str(int(source.updated_at.timestamp()
                                                             * 1_000_000)))

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = SourceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attrs = dict(serializer.validated_data)
        source = services.source_create(publisher=attrs.pop("publisher"),
                                        edition_of=attrs.pop("edition_of", None), **attrs)
        data = SourceSerializer(selectors.source_list().get(pk=source.pk),
                                context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED,
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
        data = SourceSerializer(selectors.source_list().get(pk=source.pk),
                                context=self.get_serializer_context()).data
        return Response(data)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        services.source_delete(source=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["get"], pagination_class=KbaseCursorPagination)
    def facts(self, request: Request, pk=None) -> Response:
        source = self.get_object()
        context = self.get_serializer_context()
        facts = fact_selectors.fact_api_citing(user=request.user, source_slug=source.slug,
                                               language=self.served_language,
                                               whole=context["fields"] is None)
        page = self.paginate_queryset(facts)  # type: ignore[arg-type]  # PreparedPages stands in
        serializer = FactSerializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)

    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def lookup(self, request: Request) -> Response:
        """Any variant of a known source's URL -> the source, its other editions and
        the facts citing it."""
        raw = request.query_params.get("url", "")
        try:
            found = selectors.source_and_editions_json_by_url(url=raw,
                                                              language=self.served_language)
        except InvalidURL as error:
            raise ValidationError({"url": [str(error)]}) from error
        if found is None:
            raise NotFound(_("%(url)s is not in the knowledge base (looked up as %(key)s).")
                           % {"url": raw[:300], "key": normalize_url(raw)})
        source, editions = found
        context = self.get_serializer_context()
        facts = fact_selectors.fact_api_citing(user=request.user, source_slug=source["slug"],
                                               language=self.served_language,
                                               whole=context["fields"] is None)
        return Response({
            # (.data would wrap the ready-made Fragment in a dict)
            "source": SourceSerializer(context=context).to_representation(source),
            "editions": SourceSerializer(editions, many=True, context=context).data,
            "facts": FactSerializer(facts[:MAX_PAGE_SIZE], many=True, context=context).data,
        })

    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def editions(self, request: Request, pk=None) -> Response:
        editions = selectors.source_editions(source=self.get_object())
        serializer = SourceSerializer(editions, many=True, context=self.get_serializer_context())
        return Response(serializer.data)


@extend_schema_view(**docs.PUBLISHER_VIEWSET)
class PublisherViewSet(KbaseSlugReadOnlyViewSet):
    queryset = Publisher.objects.none()
    serializer_class = PublisherSerializer

    def get_queryset(self):
        return selectors.publisher_list()
