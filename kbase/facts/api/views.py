"""The facts API. Views translate HTTP to service calls and back; nothing else."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import cast

from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_view
from orjson import Fragment
from rest_framework import generics, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from kbase.core.api import (
    MAX_PAGE_SIZE,
    BuiltRowRetrieveMixin,
    KbaseCursorPagination,
    KbaseModelViewSet,
    KbasePagePagination,
    KbaseSlugReadOnlyViewSet,
    KbaseViewSetMixin,
    StrictOrderingFilter,
    expected_version_from_if_match,
    parse_fields,
)
from kbase.core.filter_backends import KbaseFilterBackend, named_filters
from kbase.core.filters import StrictBooleanField, as_utc
from kbase.core.search import ParsedQuery, QueryError, parse_query
from kbase.core.serializers import UUID_PATTERN
from kbase.core.throttles import DumpRateThrottle
from kbase.sources import selectors as source_selectors
from kbase.sources.api.serializers import SourceSerializer
from kbase.sources.filtersets import SourceFilterSet
from kbase.sources.models import Source
from kbase.sources.normalize import InvalidURL, normalize_url

from .. import changes, exports, selectors, services
from ..filtersets import DiscrepancyFilterSet, FactFilterSet
from ..models import Citation, Discrepancy, Entity, Fact, Topic
from ..representation_sql import Part, fact_path
from ..search import fact_search_rows
from . import docs
from . import matching as matching_api
from .serializers import (
    CitationSerializer,
    CitationWriteSerializer,
    DiscrepancySerializer,
    EntitySerializer,
    FactBriefSerializer,
    FactPageSerializer,
    FactSerializer,
    FactWriteSerializer,
    OptionalReasonSerializer,
    ReasonSerializer,
    SearchResultSerializer,
    SupersedeSerializer,
    TopicSerializer,
)

# Each whole-base download also counts against the stricter `dumps` rate.
DUMP_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, DumpRateThrottle]
# `?brief=`, read by one field made once: making a form field for every request cost
# a fact page more than reading the parameter.
BRIEF = StrictBooleanField(required=False)


class CanPublish(permissions.BasePermission):
    """Publishing, retracting and superseding are an editor-in-chief's call."""

    def has_permission(self, request: Request, view) -> bool:
        return bool(request.user and request.user.is_authenticated
                    and request.user.has_perm("facts.publish_fact"))


class CanChangeFact(permissions.BasePermission):
    def has_permission(self, request: Request, view) -> bool:
        return bool(request.user and request.user.is_authenticated
                    and request.user.has_perm("facts.change_fact"))


@extend_schema_view(**docs.FACT_VIEWSET)
class FactViewSet(KbaseModelViewSet):
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = UUID_PATTERN
    blank_means_absent = ("brief", "fields")  # for the schema
    filter_backends = [KbaseFilterBackend, StrictOrderingFilter]
    filterset_class = FactFilterSet
    ordering_fields = ["created_at", "updated_at"]
    pagination_class = KbaseCursorPagination
    queryset = Fact.objects.none()  # for permissions and the schema; get_queryset reads

    @cached_property
    def brief(self) -> bool:
        """Whether `?brief=true` asked for the short representation (read once)."""
        try:
            return bool(BRIEF.clean(self.request.query_params.get("brief")))
        except DjangoValidationError as error:
            raise ValidationError({"brief": error.messages}) from None

    @property
    def part(self) -> Part:
        """How much of each fact the representation holds."""
        if self.brief:
            return Part.BRIEF
        return Part.PAGE if self.action == "retrieve" else Part.WHOLE

    @property
    def sparse_fields(self) -> set[str] | None:
        """The keys `fields=` names (the brief representation has no sparse form)."""
        return None if self.brief else parse_fields(self.request.query_params.get("fields"))

    @property
    def paginator(self) -> KbaseCursorPagination:
        return cast(KbaseCursorPagination, super().paginator)

    def list(self, request: Request, *args, **kwargs) -> Response:
        if (self.part is Part.WHOLE and self.sparse_fields is None
                and not named_filters(request, self.filterset_class)):
            # The unfiltered list, compiled once and prepared (selectors.fact_json_pages).
            pages = selectors.fact_json_pages(user=request.user, language=self.served_language)
            page = self.paginator.paginate_statement(pages, request, view=self)
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        include_withdrawn = self.action in {"retrieve", "jsonld", "history", "similar"}
        if self.action in {"list", "retrieve"}:
            return selectors.fact_rows(
                user=self.request.user, language=self.served_language, part=self.part,
                fields=self.sparse_fields, include_withdrawn=include_withdrawn)
        if self.action == "jsonld":  # exports.fact_jsonld reads prefetched objects
            return selectors.fact_list(user=self.request.user, include_withdrawn=True)
        # Writes and the other exports load the fact (or its rows) themselves.
        return selectors.fact_visible(user=self.request.user,
                                      include_withdrawn=include_withdrawn)

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return FactWriteSerializer
        return {Part.BRIEF: FactBriefSerializer, Part.WHOLE: FactSerializer,
                Part.PAGE: FactPageSerializer}[self.part]

    def _represent(self, fact: Fact, *, status_code: int = 200) -> Response:
        row = selectors.fact_written(pk=fact.pk, language=self.served_language)
        response = self.respond_with_etag(self.request, row["json"],
                                          str(row["version"]), status=status_code)
        if status_code == status.HTTP_201_CREATED:
            response["Location"] = fact_path(row["public_id"])
        return response

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        if self.part is Part.PAGE and self.sparse_fields is None:
            # The whole page, prepared (selectors.fact_page).
            page = selectors.fact_page(user=request.user, public_id=uuid.UUID(kwargs["id"]),
                                       language=self.served_language)
            if page is None:
                raise Http404("No Fact matches the given query.")  # as get_object() says
            self.check_object_permissions(request, page)
        else:
            page = self.get_object()
        return self.respond_with_etag(request, page["json"], str(page["version"]))

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = FactWriteSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        attrs = serializer.validated_data
        with transaction.atomic():
            fact = services.fact_create(user=request.user, reason=attrs.get("reason", ""),
                                        **FactWriteSerializer.service_fields(attrs))
            for citation in attrs.get("citations", []):
                services.citation_create(fact=fact, user=request.user, **citation)
        return self._represent(fact, status_code=status.HTTP_201_CREATED)

    def update(self, request: Request, *args, **kwargs) -> Response:
        fact = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = FactWriteSerializer(fact, data=request.data, partial=partial,
                                         context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        attrs = serializer.validated_data
        fact = services.fact_update(fact=fact, user=request.user,
                                    expected_version=expected_version_from_if_match(request),
                                    reason=attrs.get("reason", ""),
                                    **FactWriteSerializer.service_fields(attrs))
        return self._represent(fact)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        fact = self.get_object()
        services.fact_delete(fact=fact, user=request.user,
                             expected_version=expected_version_from_if_match(request))
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _workflow(self, request: Request, service, serializer_class=ReasonSerializer,
                  **extra) -> Response:
        fact = self.get_object()
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        attrs = dict(serializer.validated_data)
        fact = service(fact=fact, user=request.user,
                       expected_version=expected_version_from_if_match(request), **attrs,
                       **extra)
        return self._represent(fact)

    @action(detail=False, methods=["get"], url_path="csv", pagination_class=None,
            throttle_classes=DUMP_THROTTLES)
    def export_csv(self, request: Request) -> StreamingHttpResponse:
        rows = selectors.fact_csv_rows(self.filter_queryset(self.get_queryset()))
        response = StreamingHttpResponse(exports.csv_stream(rows.iterator(chunk_size=500)),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="kbase-facts.csv"'
        return response

    @action(detail=False, methods=["get"], url_path="ndjson", pagination_class=None,
            filter_backends=[], throttle_classes=DUMP_THROTTLES)
    def dump(self, request: Request) -> StreamingHttpResponse:
        return StreamingHttpResponse(
            exports.ndjson_stream(selectors.fact_dump_rows(language=self.served_language)),
            content_type="application/x-ndjson; charset=utf-8")

    @action(detail=True, methods=["get"], url_path="jsonld", filter_backends=[])
    def jsonld(self, request: Request, id=None) -> Response:
        fact = self.get_object()
        base_url = request.build_absolute_uri("/").rstrip("/")
        return Response(exports.fact_jsonld(fact, base_url),
                        content_type="application/ld+json")

    @action(detail=True, methods=["get"], url_path="history", filter_backends=[],
            pagination_class=None)
    def history(self, request: Request, id=None) -> Response:
        fact = self.get_object()
        events = changes.fact_history(fact=fact, user=request.user)[:1000]
        return Response(changes.changes_data(events, user=request.user))

    @matching_api.SIMILAR
    @action(detail=True, methods=["get"], url_path="similar", filter_backends=[],
            pagination_class=None, throttle_classes=matching_api.MATCH_THROTTLES)
    def similar(self, request: Request, id=None) -> Response:
        return matching_api.similar_response(request, self.get_object(),
                                             language=self.served_language)

    @action(detail=True, methods=["post"], permission_classes=[CanChangeFact])
    def review(self, request: Request, id=None) -> Response:
        return self._workflow(request, services.fact_submit_for_review,
                              serializer_class=OptionalReasonSerializer)

    @action(detail=True, methods=["post"], permission_classes=[CanPublish])
    def publish(self, request: Request, id=None) -> Response:
        return self._workflow(request, services.fact_publish)

    @action(detail=True, methods=["post"], permission_classes=[CanPublish])
    def retract(self, request: Request, id=None) -> Response:
        return self._workflow(request, services.fact_retract)

    @action(detail=True, methods=["post"], permission_classes=[CanPublish])
    def supersede(self, request: Request, id=None) -> Response:
        return self._workflow(request, services.fact_supersede,
                              serializer_class=SupersedeSerializer)


@extend_schema_view(**docs.CITATION_VIEWSET)
class FactCitationViewSet(BuiltRowRetrieveMixin, KbaseModelViewSet):
    """The citations of one fact: `facts/{id}/citations/`."""

    queryset = Citation.objects.none()
    pagination_class = None
    filter_backends: list = []
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _fact(self) -> Fact:
        if not hasattr(self, "_cached_fact"):
            self._cached_fact = get_object_or_404(
                selectors.fact_visible(user=self.request.user), public_id=self.kwargs["fact_id"])
        return self._cached_fact

    def get_queryset(self):
        if self.action in {"list", "retrieve"}:
            return selectors.citation_rows(fact=self._fact(), language=self.served_language)
        return selectors.citation_list(fact=self._fact())

    def get_serializer_class(self):
        return CitationWriteSerializer if self.action in {"create", "partial_update"} \
            else CitationSerializer

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = CitationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        citation = services.citation_create(fact=self._fact(), user=request.user,
                                            **serializer.validated_data)
        return Response(self._data(citation), status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        citation = self.get_object()
        serializer = CitationWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        citation = services.citation_update(citation=citation, user=request.user,
                                            **serializer.validated_data)
        return Response(self._data(citation))

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        services.citation_delete(citation=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _data(self, citation: Citation) -> Fragment:
        row = selectors.citation_rows(fact=self._fact(), language=self.served_language).get(
            pk=citation.pk)
        return Fragment(row["json"])


@extend_schema_view(**docs.TOPIC_VIEWSET)
class TopicViewSet(BuiltRowRetrieveMixin, KbaseSlugReadOnlyViewSet):
    queryset = Topic.objects.none()
    serializer_class = TopicSerializer

    def get_queryset(self):
        return selectors.topic_rows(language=self.served_language)


@extend_schema_view(**docs.ENTITY_VIEWSET)
class EntityViewSet(BuiltRowRetrieveMixin, KbaseSlugReadOnlyViewSet):
    queryset = Entity.objects.none()
    serializer_class = EntitySerializer

    def get_queryset(self):
        return selectors.entity_rows(language=self.served_language)


@extend_schema_view(**docs.DISCREPANCY_VIEWSET)
class DiscrepancyViewSet(BuiltRowRetrieveMixin, KbaseSlugReadOnlyViewSet):
    queryset = Discrepancy.objects.none()
    serializer_class = DiscrepancySerializer
    pagination_class = KbaseCursorPagination
    filter_backends = [KbaseFilterBackend]
    filterset_class = DiscrepancyFilterSet

    def get_queryset(self):
        return selectors.discrepancy_rows(user=self.request.user, language=self.served_language)


@extend_schema_view(**docs.SOURCE_FACTS_VIEWSET)
class SourceFactsViewSet(KbaseViewSetMixin, viewsets.GenericViewSet):
    """The sources' endpoints that answer facts: `sources/{id}/facts/` and
    `sources/lookup/` (kbase.sources.api.views.SourceViewSet serves the rest)."""

    queryset = Source.objects.none()
    lookup_value_regex = r"[0-9]{1,18}"
    filter_backends = [KbaseFilterBackend]
    filterset_class = SourceFilterSet
    serializer_class = FactSerializer
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return source_selectors.source_list()

    @action(detail=True, methods=["get"], pagination_class=KbaseCursorPagination)
    def facts(self, request: Request, pk=None) -> Response:
        source = self.get_object()
        context = self.get_serializer_context()
        page: list | None
        if context["fields"] is None:  # the whole representation, compiled once, prepared
            paginator = cast(KbaseCursorPagination, self.paginator)
            page = paginator.paginate_statement(selectors.fact_citing_json_pages(
                user=request.user, source_slug=source.slug, language=self.served_language),
                request, view=self)
        else:
            page = self.paginate_queryset(selectors.fact_citing_rows(
                user=request.user, source_slug=source.slug, language=self.served_language,
                fields=context["fields"]))
        serializer = FactSerializer(page, many=True, context=context)
        return self.get_paginated_response(serializer.data)

    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def lookup(self, request: Request) -> Response:
        """Any variant of a known source's URL -> the source, its other editions and
        the facts citing it."""
        raw = request.query_params.get("url", "")
        try:
            found = source_selectors.source_and_editions_json_by_url(
                url=raw, language=self.served_language)
        except InvalidURL as error:
            raise ValidationError({"url": [str(error)]}) from error
        if found is None:
            raise NotFound(_("%(url)s is not in the knowledge base (looked up as %(key)s).")
                           % {"url": raw[:300], "key": normalize_url(raw)})
        source, editions = found
        context = self.get_serializer_context()
        facts: list
        if context["fields"] is None:  # the whole representation, compiled once, prepared
            facts = selectors.fact_citing_json_pages(
                user=request.user, source_slug=source["slug"], language=self.served_language,
            ).read(ordering=KbaseCursorPagination.ordering, limit=MAX_PAGE_SIZE)
        else:
            facts = list(selectors.fact_citing_rows(
                user=request.user, source_slug=source["slug"], language=self.served_language,
                fields=context["fields"])[:MAX_PAGE_SIZE])
        return Response({
            # (.data would wrap the ready-made Fragment in a dict)
            "source": SourceSerializer(context=context).to_representation(source),
            "editions": SourceSerializer(editions, many=True, context=context).data,
            "facts": FactSerializer(facts, many=True, context=context).data,
        })


@extend_schema_view(get=docs.SEARCH)
class FactSearchView(KbaseViewSetMixin, generics.ListAPIView):
    """GET /api/v1/search/?q=: ranked facts with highlights."""

    serializer_class = SearchResultSerializer
    pagination_class = KbasePagePagination
    filter_backends: list = []
    permission_classes = [permissions.AllowAny]

    def parsed_query(self) -> ParsedQuery:
        if not hasattr(self, "_parsed"):
            raw = self.request.query_params.get("q", "").replace("\ufeff", "")
            if not raw.strip():
                raise ValidationError({"q": [_("Enter something to search for.")]})
            try:
                self._parsed = parse_query(raw)
            except QueryError as error:
                raise ValidationError({"q": [str(error)]}) from error
        return self._parsed

    def get_queryset(self):
        return fact_search_rows(user=self.request.user, query=self.parsed_query(),
                                language=self.served_language,
                                fields=parse_fields(self.request.query_params.get("fields")))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["query"] = self.parsed_query()
        return context


@extend_schema_view(get=docs.CHANGES)
class ChangeFeedView(KbaseViewSetMixin, generics.GenericAPIView):
    """GET /api/v1/changes/: what changed, oldest first, for mirrors."""

    permission_classes = [permissions.AllowAny]
    filter_backends: list = []
    pagination_class = None
    blank_means_absent = ("since", "cursor")  # for the schema
    # The horizon (changes.change_horizon) sees the transactions still running on the
    # primary only: a replica's feed could pass over changes it has not replayed yet.
    reads_from_primary = True

    def _signer(self, request: Request) -> signing.Signer:
        """Positions count the changes this client may see: a cursor signed for
        readers of drafts is refused to the others, and the reverse."""
        audience = "all" if selectors.can_see_unpublished(request.user) else "public"
        return signing.Signer(salt=f"kbase.api.changes.{audience}")

    def _cursor(self, request: Request, cursor: str) -> changes.Position:
        try:
            at, type_, served = self._signer(request).unsign_object(cursor)
            if type_ not in changes.MODELS_BY_TYPE or type(served) is not int or served < 1:
                raise ValueError(cursor)
            return changes.Position(datetime.fromisoformat(at), type_, served)
        except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError):
            raise ValidationError({"cursor": [_("This cursor is not one kbase issued; "
                                                "start again with ?since=.")]}) from None

    def _since(self, since: str) -> datetime:
        try:
            parsed = parse_datetime(since) if "T" in since or " " in since else None
            if parsed is None:
                parsed = datetime.combine(date.fromisoformat(since), time.min)
            if timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed)
            return as_utc(parsed)
        except (ValueError, OverflowError):  # not a time, or no such day or hour
            raise ValidationError({"since": [_("Use an ISO 8601 date or time, e.g. "
                                               "2025-07-10T09:00:00+09:00.")]}) from None

    def get(self, request: Request) -> Response:
        cursor, since = request.query_params.get("cursor"), request.query_params.get("since")
        after = self._cursor(request, cursor) if cursor else None
        size = KbaseCursorPagination().get_page_size(request)
        horizon = changes.change_horizon()
        events, position = changes.change_page(
            user=request.user, after=after, since=None if after or not since
            else self._since(since), horizon=horizon, size=size)
        # Follow `next` to continue; when nothing new has happened, it is this same
        # request, to be polled again later.
        next_url = request.build_absolute_uri()
        if position is not None:
            token = self._signer(request).sign_object(
                [position.at.isoformat(), position.type, position.served])
            next_url = remove_query_param(
                replace_query_param(next_url, "cursor", token), "since")
        return Response({"results": changes.changes_data(events, user=request.user),
                         "next": next_url, "horizon": horizon.isoformat()},
                        headers={"Link": f'<{next_url}>; rel="next"'})
