"""Request guards that apply to every view, before and after the view runs."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from . import routing
from .api import API_LANGUAGE_ATTRIBUTE, SUPPORTED_LANGUAGES, language_of
from .errors import problem_response, wants_problem

logger = logging.getLogger(__name__)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """The language every response is written in, errors included. The API answers
    in its own negotiated language (`?lang=`, then Accept-Language: kbase.core.api);
    a page takes `?lang=` (the address of each language's version of a page), then
    what Django's LocaleMiddleware reads (the language cookie, Accept-Language).
    First in the chain, so that the request guards' errors speak it too."""

    def process_request(self, request: HttpRequest) -> None:
        requested = request.GET.get("lang")
        if wants_problem(request):
            language = language_of(requested=requested,
                                   accept_language=request.headers.get("Accept-Language", ""))
            setattr(request, API_LANGUAGE_ATTRIBUTE, language)  # the API's views answer in it
        elif requested in SUPPORTED_LANGUAGES:
            language = requested
        else:
            super().process_request(request)
            return
        translation.activate(language)
        request.LANGUAGE_CODE = language  # one of LANGUAGES: what get_language() answers

    def process_response(self, request: HttpRequest,
                         response: HttpResponseBase) -> HttpResponseBase:
        if not wants_problem(request):
            return super().process_response(request, response)
        # The API's addresses carry no language (no i18n_patterns): of Django's
        # response handling only its headers apply, and a view may have set them.
        patch_vary_headers(response, ("Accept-Language",))
        if "Content-Language" not in response:
            response["Content-Language"] = translation.get_language()
        return response


class RequestGuardMiddleware:
    """Refuses oversized bodies up front and turns a lost database into 503.

    DRF reads JSON bodies straight from the stream, past Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE check, so the declared length is checked here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            return problem_response(status=400, detail=_("Content-Length is not a number."))
        if limit is not None and length > limit:
            return problem_response(
                status=413,
                detail=_("The request body is %(size)d bytes; the limit is %(limit)d bytes.")
                % {"size": length, "limit": limit},
            )
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            logger.warning("database unavailable: %s", exception)
            return problem_response(
                status=503, detail=_("The database is unavailable; try again shortly."),
                headers={"Retry-After": "5"},
            )
        return None


class ReplicaRoutingMiddleware:
    """Decides, once per request, whether its reads may go to a read replica (the
    rule is in kbase.core.routing), and retries on the primary a read that a replica
    failed. Marks successful writes so that their client reads its own writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = routing.RequestRouting(may_use_replica=routing.may_read_from_replica(request))
        response = self._serve(request, state)
        if state.replica is not None and response.status_code == 503:
            # The replica went away under this read: leave it out and ask the primary.
            logger.warning("replica %s failed a read; retrying on the primary", state.replica)
            routing.take_out_of_rotation(state.replica)
            state = routing.RequestRouting(may_use_replica=False)
            response = self._serve(request, state)
        if settings.KBASE_ROUTING_HEADER:
            response["Kbase-Read-Database"] = state.replica or routing.PRIMARY
        if request.method not in routing.SAFE_METHODS and response.status_code < 400:
            routing.mark_recent_write(response)
        return response

    def _serve(self, request: HttpRequest, state: routing.RequestRouting) -> HttpResponse:
        token = routing.begin(state)
        try:
            return self.get_response(request)
        finally:
            routing.end(token)

    def process_view(self, request, view_func, view_args, view_kwargs) -> None:
        view_class = getattr(view_func, "cls", None) or getattr(view_func, "view_class", None)
        state = routing.current()
        if state is not None and getattr(view_class, "reads_from_primary", False):
            state.may_use_replica, state.replica, state.chosen = False, None, True
