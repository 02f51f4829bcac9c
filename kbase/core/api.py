"""Behaviour every kbase API view shares, written once: language negotiation,
cursor pagination with a hard page-size cap, strict ordering, sparse fieldsets,
ETags and preconditions."""

from __future__ import annotations

import hashlib
import re
from base64 import b64decode, b64encode
from typing import TYPE_CHECKING, Any, Protocol, cast
from urllib import parse

from django.core import signing
from django.core.paginator import Paginator
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from orjson import Fragment
from rest_framework import exceptions, filters, generics, pagination, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from kbase.core.serializers import SLUG_PATTERN
from kbase.core.throttles import ratelimit_headers

if TYPE_CHECKING:
    from kbase.core.prepared import StatementPages

SUPPORTED_LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "en"
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
_ACCEPT_LANGUAGE_ITEM = re.compile(
    r"^\s*([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")


# The language kbase.core.middleware.LocaleMiddleware chose for an API request, as
# language_of() answers it, kept on the Django request.
API_LANGUAGE_ATTRIBUTE = "kbase_api_language"


def negotiate_language(request: Request) -> str:
    """`?lang=` wins; then the best supported Accept-Language; then English. The
    locale middleware has chosen it already (the API's errors speak it): an
    unsupported `?lang=`, which it passed over, is refused here."""
    requested = request.query_params.get("lang")
    if requested is not None and requested not in SUPPORTED_LANGUAGES:
        raise exceptions.ValidationError(
            {"lang": [_("Unsupported language '%(lang)s'; use 'ko' or 'en'.")
                      % {"lang": requested[:20]}]})
    chosen = getattr(request._request, API_LANGUAGE_ATTRIBUTE, None)
    if chosen is not None:
        return chosen
    return language_of(requested=requested,
                       accept_language=request.headers.get("Accept-Language", ""))


def language_of(*, requested: str | None, accept_language: str) -> str:
    """The language an API request is answered in (an unsupported `?lang=` is
    passed over here: negotiate_language() refuses it, in this language)."""
    if requested in SUPPORTED_LANGUAGES:
        return cast(str, requested)
    best, best_q = None, 0.0
    for item in accept_language.split(",")[:20]:
        match = _ACCEPT_LANGUAGE_ITEM.match(item)
        if not match:
            continue
        tag, quality = match.group(1).lower(), match.group(2)
        try:
            q = float(quality) if quality is not None else 1.0
        except ValueError:
            continue
        primary = tag.split("-")[0]
        if primary in SUPPORTED_LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best or DEFAULT_LANGUAGE


class LanguageNegotiated(Protocol):
    """A request KbaseViewSetMixin.initial() has negotiated the language of."""

    kbase_language: str


def negotiated_language(request: Request) -> str:
    return cast(LanguageNegotiated, request).kbase_language


# The mixins below are mixed into DRF's paginations and views: the type checker
# sees them as such.
if TYPE_CHECKING:
    _PaginationBase = pagination.BasePagination
    _ViewBase = generics.GenericAPIView
else:
    _PaginationBase = _ViewBase = object


# ASCII digits: str.isdigit() also takes "²", which int() refuses.
_WHOLE_NUMBER = re.compile(r"[0-9]+")


class StrictPageSizeMixin(_PaginationBase):
    """A malformed or too large page size is the client's error (400), never a
    silent default."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not _WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError({self.page_size_query_param: [
                _("Must be a whole number from 1 to %(max)d.") % {"max": self.max_page_size}]})
        return int(raw)

    def get_paginated_response(self, data) -> Response:
        """The page, with its neighbours also in a `Link` header (RFC 8288), for
        clients that page through headers."""
        response = super().get_paginated_response(data)
        # Both of kbase's paginations (cursor, page number) link their neighbours.
        paged = cast(pagination.CursorPagination, self)
        links = [f'<{url}>; rel="{rel}"' for rel, url in
                 (("next", paged.get_next_link()), ("prev", paged.get_previous_link())) if url]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1,
                                       "maximum": self.max_page_size,
                                       "default": self.page_size}
                parameter["description"] = _("Results per page, 1 to %(max)d.") % {
                    "max": self.max_page_size}
        return parameters


# A value signed by django.core.signing.Signer: the value, a colon, and 43 characters
# of URL-safe base64 (an HMAC-SHA256).
SIGNED_CURSOR_PATTERN = r"^.+:[A-Za-z0-9_-]{43}$"
CURSOR_DESCRIPTION = (
    "Opaque: copy it from `next` or `previous`. kbase signs its cursors, so a value it did "
    "not issue (even one of the right shape) answers 400.")


# StrictPageSizeMixin's page sizes and parameter are never None, as DRF's may be: mypy
# refuses narrowing an attribute that a base class declares writable.
class KbaseCursorPagination(StrictPageSizeMixin,  # type: ignore[misc]
                            pagination.CursorPagination):
    """Cursor pages stay stable while rows are inserted."""

    ordering: tuple[str, ...] = ("-created_at", "-id")

    # Cursors are signed, so a client can neither forge a position (which would
    # reach the database as a malformed value) nor an offset.
    signer = signing.Signer(salt="kbase.api.cursor")

    def encode_cursor(self, cursor: pagination.Cursor) -> str:
        tokens: dict[str, str] = {}
        if cursor.offset != 0:
            tokens["o"] = str(cursor.offset)
        if cursor.reverse:
            tokens["r"] = "1"
        if cursor.position is not None:
            # DRF's positions are strings (str() of the ordering field); the stubs say int.
            tokens["p"] = cursor.position  # type: ignore[assignment]
        encoded = b64encode(parse.urlencode(tokens, doseq=True).encode()).decode("ascii")
        # paginate_queryset() sets base_url before any cursor is encoded.
        return replace_query_param(cast(str, self.base_url), self.cursor_query_param,
                                   self.signer.sign(encoded))

    def decode_cursor(self, request: Request) -> pagination.Cursor | None:
        signed = request.query_params.get(self.cursor_query_param)
        if signed is None:
            return None
        try:
            tokens = parse.parse_qs(b64decode(self.signer.unsign(signed)).decode(),
                                    keep_blank_values=True)
            offset = pagination._positive_int(tokens.get("o", ["0"])[0],
                                              cutoff=self.offset_cutoff)
            reverse = bool(int(tokens.get("r", ["0"])[0]))
        except (signing.BadSignature, TypeError, ValueError, UnicodeDecodeError):
            raise exceptions.ValidationError(
                {self.cursor_query_param: [_("This cursor is not one kbase issued; start "
                                             "again from the first page.")]}) from None
        # A string, as DRF's own positions are (the stubs say int).
        position = tokens.get("p", [None])[0]
        return pagination.Cursor(offset=offset, reverse=reverse,
                                 position=position)  # type: ignore[arg-type]

    def paginate_statement(self, pages: StatementPages, request: Request,
                           view=None) -> list[dict]:
        """paginate_queryset() for rows a compiled statement reads
        (kbase.core.prepared.StatementPages): the same cursors and links, each page
        one run of the statement."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        # (The ordering filter checks an ordering against the rows' model.)
        self.ordering = self.get_ordering(request, pages.model._default_manager.none(), view)
        self.cursor = self.decode_cursor(request)
        offset, reverse, current = (0, False, None) if self.cursor is None else self.cursor
        current = cast(Any, current)
        ordering = pagination._reverse_ordering(self.ordering) if reverse else self.ordering
        position = None
        if current is not None:
            # (cursor reversed) XOR (ordering reversed): before the position, else after.
            before = reverse != self.ordering[0].startswith("-")
            position = (f"{self.ordering[0].lstrip('-')}__{'lt' if before else 'gt'}", current)
        # One more row than the page: whether a page follows.
        results = pages.read(ordering=ordering, limit=self.page_size + 1, offset=offset,
                             position=position)
        self.page = results[:self.page_size]
        # Positions are strings, as DRF's own are (the stubs say int).
        following: Any = (self._get_position_from_instance(results[-1], self.ordering)
                          if len(results) > len(self.page) else None)
        if reverse:
            self.page.reverse()
            self.has_next = current is not None or offset > 0
            self.has_previous = following is not None
            self.next_position, self.previous_position = current, following
        else:
            self.has_next = following is not None
            self.has_previous = current is not None or offset > 0
            self.next_position, self.previous_position = following, current
        if (self.has_previous or self.has_next) and self.template is not None:
            self.display_page_controls = True
        return self.page

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        # DRF's example links are not URLs (a stray quote ends `next`'s).
        response = super().get_paginated_response_schema(schema)
        for key in ("next", "previous"):
            response["properties"][key]["example"] = (
                f"https://kbase.example/api/v1/facts/?{self.cursor_query_param}=cD0yMDI1:sig")
        return response

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.cursor_query_param:
                parameter["schema"] = {"type": "string", "pattern": SIGNED_CURSOR_PATTERN}
                parameter["description"] = CURSOR_DESCRIPTION
        return parameters


class KnownCountPaginator(Paginator):
    """Takes the count a selector already knows (a queryset's `known_count`) rather
    than asking the database again."""

    @cached_property
    def count(self) -> int:
        known = getattr(self.object_list, "known_count", None)
        return known if known is not None else super().count


# StrictPageSizeMixin's page sizes and parameter: as for KbaseCursorPagination.
class KbasePagePagination(StrictPageSizeMixin,  # type: ignore[misc]
                          pagination.PageNumberPagination):
    """Numbered pages, for ranked results (search), where a cursor has no stable key.
    A page number past the end is a 404, as DRF answers it."""

    page_size = 20
    django_paginator_class = KnownCountPaginator

    def get_page_number(self, request: Request, paginator) -> str:
        # DRF reads an empty page as the first; the schema, like page_size, says a
        # whole number.
        number = request.query_params.get(self.page_query_param, "1")
        if number not in self.last_page_strings and (not _WHOLE_NUMBER.fullmatch(number)
                                                     or int(number) < 1):
            raise exceptions.ValidationError({self.page_query_param: [
                _("Must be a whole number from 1.")]})
        return number

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


class StrictOrderingFilter(filters.OrderingFilter):
    """Orderings come from a whitelist; anything else answers 400, and the id is
    always the last tie-breaker so cursor pages are stable."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            return self.get_default_ordering(view)
        fields = [param.strip() for param in params.split(",") if param.strip()]
        allowed = {name for name, _label in self.get_valid_fields(queryset, view,
                                                                   {"request": request})}
        invalid = [field for field in fields if field.lstrip("-") not in allowed]
        if invalid or not fields:
            raise exceptions.ValidationError({self.ordering_param: [
                _("Cannot order by '%(field)s'. Choose from: %(allowed)s.")
                % {"field": ", ".join(invalid) or params[:50],
                   "allowed": ", ".join(sorted(allowed))}]})
        tie_breaker = "-id" if fields[0].startswith("-") else "id"
        return [*fields, tie_breaker]

    def get_schema_operation_parameters(self, view) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        names = [name for field in getattr(view, "ordering_fields", [])
                 for name in (field, f"-{field}")]
        for parameter in parameters:
            if parameter["name"] == self.ordering_param and names:
                parameter["schema"] = {"type": "string", "enum": names}
        return parameters


class KbaseViewSetMixin(_ViewBase):
    """Language negotiation, ETag/If-None-Match and sparse fieldsets for any view."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        cast(LanguageNegotiated, request).kbase_language = negotiate_language(request)

    @property
    def served_language(self) -> str:
        # Permission checks ask for the queryset (only for its model) before the
        # language is negotiated.
        return getattr(self.request, "kbase_language", DEFAULT_LANGUAGE)

    def get_serializer_context(self) -> dict[str, Any]:
        # DRF builds a new dict for each call; the stubs say a Mapping.
        context = cast("dict[str, Any]", super().get_serializer_context())
        request = self.request
        context["language"] = getattr(request, "kbase_language", DEFAULT_LANGUAGE)
        context["fields"] = parse_fields(request.query_params.get("fields")) if request else None
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        language = getattr(request, "kbase_language", None)
        if language:
            response["Content-Language"] = language
        for header, value in ratelimit_headers(request._request).items():
            response[header] = value
        # What a client is shown depends on its session whether or not this request
        # carried one (kbase.core.authentication.SessionAuthentication reads none
        # without a cookie, so Django's sessions do not say so then).
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    def respond_with_etag(self, request: Request, json_text: str, version_tag: str, *,
                          status: int = 200) -> Response:
        """A representation PostgreSQL built (its JSON text), served as it is, with a
        strong ETag for its exact bytes; 304 when the client has it."""
        content = json_text.encode()  # once: for the digest, and embedded as it is
        etag = representation_etag(version_tag, content)
        if status == 200 and none_match_fails(request.headers.get("If-None-Match", ""), etag):
            return Response(status=304, headers={"ETag": etag})
        return Response(Fragment(content), status=status, headers={"ETag": etag})


class BuiltRowRetrieveMixin(_ViewBase):
    """retrieve() of a row whose JSON PostgreSQL built (an orjson.Fragment):
    DRF's `serializer.data` would wrap it in a dict."""

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self.get_serializer().to_representation(self.get_object()))


class KbaseModelViewSet(KbaseViewSetMixin, viewsets.ModelViewSet):
    pass


class KbaseReadOnlyViewSet(KbaseViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class SlugCursorPagination(KbaseCursorPagination):
    ordering = ("slug",)


class KbaseSlugReadOnlyViewSet(KbaseReadOnlyViewSet):
    """Reference data named by slug (publishers, topics, entities), in slug order."""

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    pagination_class: type[pagination.BasePagination] | None = SlugCursorPagination
    filter_backends: list = []


def representation_etag(version_tag: str, content: bytes) -> str:
    """`"<version>.<digest>"`: the version for If-Match, and a digest of the
    representation's bytes. The bytes hold what varies between representations of
    one version (language, fields, brief) and what the version does not count: the
    cited sources' titles, their publishers', the topics' and entities' names."""
    return f'"{version_tag}.{hashlib.sha256(content).hexdigest()[:10]}"'


def parse_fields(raw: str | None) -> set[str] | None:
    if not raw:
        return None
    return {name.strip() for name in raw.split(",") if name.strip()}


def parse_etags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def none_match_fails(header: str, etag: str) -> bool:
    """Whether If-None-Match names the current representation (tagged `etag`): `*`,
    or its tag compared weakly, as RFC 9110 asks (a proxy that compresses a response
    sends its ETag on weakened, W/"...", and its clients send that back)."""
    return any(tag == "*" or tag.removeprefix("W/") == etag for tag in parse_etags(header))


def expected_version_from_if_match(request: Request) -> int | None:
    """If-Match carries ETags of the form "<version>.<variant>"; any variant of a
    version matches that version. No header: no precondition."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return None
    versions = set()
    for tag in parse_etags(header):
        match = re.fullmatch(r'"(\d{1,9})\.[0-9a-f]+"', tag)
        if match:
            versions.add(int(match.group(1)))
    if len(versions) != 1:
        # An ETag kbase never issued can match nothing.
        return -1
    return versions.pop()

