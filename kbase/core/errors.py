"""One error format for the whole API: RFC 9457 problem details (application/problem+json).

DRF's exceptions, Django's own 404/500/400 handlers and the body-size guard all
answer through `problem_response`, so a client parses every error the same way.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ServiceError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://kbase.example/problems/"
logger = logging.getLogger(__name__)


# The titles of the statuses kbase answers with, in the request's language (the
# English ones are the HTTP reason phrases); any other status keeps its phrase.
TITLES = {
    400: gettext_lazy("Bad Request"), 401: gettext_lazy("Unauthorized"),
    403: gettext_lazy("Forbidden"), 404: gettext_lazy("Not Found"),
    405: gettext_lazy("Method Not Allowed"), 406: gettext_lazy("Not Acceptable"),
    409: gettext_lazy("Conflict"), 412: gettext_lazy("Precondition Failed"),
    413: gettext_lazy("Request Entity Too Large"), 415: gettext_lazy("Unsupported Media Type"),
    428: gettext_lazy("Precondition Required"), 429: gettext_lazy("Too Many Requests"),
    500: gettext_lazy("Internal Server Error"), 503: gettext_lazy("Service Unavailable"),
}


class ProblemCode(StrEnum):
    """What went wrong, for programs: every problem carries one as `code`. Stable
    within v1: a code is never renamed or reused; new ones may be added."""

    INVALID = "invalid"  # a parameter or field is invalid; `errors` names it
    PARSE_ERROR = "parse_error"  # the body is not well-formed JSON
    BAD_REQUEST = "bad_request"
    NOT_AUTHENTICATED = "not_authenticated"
    AUTHENTICATION_FAILED = "authentication_failed"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_ACCEPTABLE = "not_acceptable"
    CONFLICT = "conflict"
    INVALID_TRANSITION = "invalid_transition"  # the workflow forbids this step
    STALE_VERSION = "stale_version"  # If-Match named an old version
    PRECONDITION_FAILED = "precondition_failed"
    PRECONDITION_REQUIRED = "precondition_required"  # send If-Match
    PAYLOAD_TOO_LARGE = "payload_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    THROTTLED = "throttled"
    SERVER_ERROR = "server_error"
    DATABASE_UNAVAILABLE = "database_unavailable"


# A problem's code when nothing more specific is known than its status.
_CODE_BY_STATUS = {
    400: ProblemCode.BAD_REQUEST, 401: ProblemCode.NOT_AUTHENTICATED,
    403: ProblemCode.PERMISSION_DENIED, 404: ProblemCode.NOT_FOUND,
    405: ProblemCode.METHOD_NOT_ALLOWED, 406: ProblemCode.NOT_ACCEPTABLE,
    409: ProblemCode.CONFLICT, 412: ProblemCode.PRECONDITION_FAILED,
    413: ProblemCode.PAYLOAD_TOO_LARGE, 415: ProblemCode.UNSUPPORTED_MEDIA_TYPE,
    428: ProblemCode.PRECONDITION_REQUIRED, 429: ProblemCode.THROTTLED,
    503: ProblemCode.DATABASE_UNAVAILABLE,
}


_CODES = frozenset(code.value for code in ProblemCode)


def problem_code(status: int, code: str | None = None) -> str:
    """`code` when it is one of ProblemCode's, else the status's."""
    if code in _CODES:
        return str(code)
    return _CODE_BY_STATUS.get(status, ProblemCode.SERVER_ERROR)


def problem_type(status: int) -> str:
    return PROBLEM_TYPE_BASE + HTTPStatus(status).phrase.lower().replace(" ", "-")


def problem_body(
    *, status: int, detail: str, title: str | None = None, errors: dict | None = None,
    code: str | None = None, codes: dict | None = None, **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(status),
        "title": title or str(TITLES.get(status, HTTPStatus(status).phrase)),
        "status": status,
        "detail": detail,
        "code": problem_code(status, code),
    }
    if errors:
        body["errors"] = errors
        # Per field, the codes of its messages, in the same order.
        body["codes"] = codes or {field: [ProblemCode.INVALID.value] * len(messages)
                                  for field, messages in errors.items()}
    body.update(extra)
    return body


def problem_response(
    *, status: int, detail: str, title: str | None = None, errors: dict | None = None,
    headers: dict[str, str] | None = None, **extra: Any,
) -> JsonResponse:
    return JsonResponse(
        problem_body(status=status, detail=detail, title=title, errors=errors, **extra),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        headers=headers,
        json_dumps_params={"ensure_ascii": False},
    )


def _flatten_validation(
    detail: Any,
) -> tuple[str, dict[str, list[str]], dict[str, list[str]]]:
    """DRF validation detail -> (summary, {"field" or "field.sub.0": [messages]},
    the same paths' [codes])."""
    collected: dict[str, list[Any]] = {}
    _collect(detail, "", collected)
    errors = {path: [str(item) for item in items] for path, items in collected.items()}
    codes = {path: [getattr(item, "code", None) or ProblemCode.INVALID.value
                    for item in items] for path, items in collected.items()}
    non_field = errors.pop("non_field_errors", None)
    if errors:
        field, messages = next(iter(errors.items()))
        summary = _("Invalid value for '%(field)s': %(message)s") % {
            "field": field, "message": messages[0] if messages else ""}
    else:
        summary = "; ".join(non_field or [_("Invalid input.")])
    if non_field:
        errors["non_field_errors"] = non_field
    return summary, errors, {path: codes[path] for path in errors}


def _collect(value: Any, path: str, errors: dict[str, list[Any]]) -> None:
    """Nested serializers report nested errors; clients get one flat map of paths."""
    if isinstance(value, dict):
        for key, item in value.items():
            _collect(item, f"{path}.{key}" if path else str(key), errors)
    elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        for index, item in enumerate(value):
            if item:
                _collect(item, f"{path}.{index}" if path else str(index), errors)
    elif isinstance(value, list):
        errors.setdefault(path or "non_field_errors", []).extend(value)
    else:
        errors.setdefault(path or "non_field_errors", []).append(value)


def problem_exception_handler(exc: Exception, context: dict) -> HttpResponse | None:
    """DRF exception handler answering problem+json for every error."""
    if isinstance(exc, OperationalError | InterfaceError):
        logger.warning("database unavailable: %s", exc)
        return problem_response(
            status=503, detail=_("The database is unavailable; try again shortly."),
            headers={"Retry-After": "5"},
        )
    if isinstance(exc, ServiceError):
        errors = {exc.field: [exc.message]} if exc.field else None
        codes = {exc.field: [exc.code]} if exc.field else None
        return problem_response(status=exc.status_code, detail=exc.message, errors=errors,
                                code=exc.code, codes=codes,
                                **{k: v for k, v in exc.extra.items()
                                   if k not in ("status", "code", "codes")})
    if isinstance(exc, DjangoValidationError):
        messages = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(messages)
    elif isinstance(exc, ProtectedError):
        return problem_response(
            status=409, detail=_("Other records still refer to this one; it cannot be deleted."),
            code=ProblemCode.CONFLICT)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's handler500 answers (as problem+json).

    code = exc.default_code if isinstance(exc, exceptions.APIException) else None
    if isinstance(exc, exceptions.ValidationError):
        detail, errors, codes = _flatten_validation(exc.detail)
        body = problem_body(status=response.status_code, detail=detail, errors=errors,
                            codes=codes)
    else:
        raw = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(raw, dict | list):
            detail, errors, codes = _flatten_validation(raw)
            body = problem_body(status=response.status_code, detail=detail, errors=errors,
                                codes=codes)
        else:
            body = problem_body(status=response.status_code, detail=str(raw))
    problem = problem_response(status=response.status_code, detail=body["detail"],
                               errors=body.get("errors"), codes=body.get("codes"), code=code)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem


def wants_problem(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


# Django calls the 400 and 403 handlers with the exception, and its own views need it.
def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_problem(request):
        return problem_response(status=400, detail=_("The request could not be understood."))
    return defaults.bad_request(request, exception)


def handler403(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_problem(request):
        return problem_response(status=403, detail=_("You do not have permission to do this."))
    return defaults.permission_denied(request, exception)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if wants_problem(request):
        return problem_response(
            status=404, detail=_("Nothing is found at %(path)s.") % {"path": request.path})
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if wants_problem(request):
        return problem_response(status=500, detail=_("An unexpected error occurred."))
    return defaults.server_error(request)
