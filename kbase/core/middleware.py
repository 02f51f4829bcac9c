"""Request guards that apply to every view, before and after the view runs."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .errors import problem_response

logger = logging.getLogger(__name__)


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
