"""One error format for the whole API: RFC 9457 problem details (application/problem+json).

DRF's exceptions, Django's own 404/500/400 handlers and the body-size guard all
answer through `problem_response`, so a client parses every error the same way.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://kbase.example/problems/"
logger = logging.getLogger(__name__)


def problem_type(status: int) -> str:
    return PROBLEM_TYPE_BASE + HTTPStatus(status).phrase.lower().replace(" ", "-")


def problem_body(
    *, status: int, detail: str, title: str | None = None, errors: dict | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(status),
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
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


def _flatten_validation(detail: Any) -> tuple[str, dict]:
    """DRF validation detail -> (summary, {field: [messages]})."""
    if isinstance(detail, dict):
        errors = {field: _messages(value) for field, value in detail.items()}
        non_field = errors.pop("non_field_errors", None)
        if non_field:
            errors["non_field_errors"] = non_field
        fields = [field for field in errors if field != "non_field_errors"]
        if fields:
            first = errors[fields[0]][0] if errors[fields[0]] else ""
            summary = _("Invalid value for '%(field)s': %(message)s") % {
                "field": fields[0], "message": first}
        else:
            summary = "; ".join(non_field or [_("Invalid input.")])
        return summary, errors
    messages = _messages(detail)
    return ("; ".join(messages) or _("Invalid input.")), {"non_field_errors": messages}


def _messages(value: Any) -> Any:
    if isinstance(value, list):
        flat: list = []
        for item in value:
            nested = _messages(item)
            if isinstance(nested, list):
                flat.extend(nested)
            else:
                flat.append(nested)
        return flat
    if isinstance(value, dict):
        return {key: _messages(item) for key, item in value.items()}
    return [str(value)]


def problem_exception_handler(exc: Exception, context: dict) -> HttpResponse | None:
    """DRF exception handler answering problem+json for every error."""
    if isinstance(exc, OperationalError | InterfaceError):
        logger.warning("database unavailable: %s", exc)
        return problem_response(
            status=503, detail=_("The database is unavailable; try again shortly."),
            headers={"Retry-After": "5"},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's handler500 answers (as problem+json).

    if isinstance(exc, exceptions.ValidationError):
        detail, errors = _flatten_validation(exc.detail)
        body = problem_body(status=response.status_code, detail=detail, errors=errors)
    else:
        raw = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(raw, dict | list):
            detail, errors = _flatten_validation(raw)
            body = problem_body(status=response.status_code, detail=detail, errors=errors)
        else:
            body = problem_body(status=response.status_code, detail=str(raw))
    problem = problem_response(status=response.status_code, detail=body["detail"],
                               errors=body.get("errors"))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            problem[header] = response[header]
    return problem


def _wants_problem(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_problem(request):
        return problem_response(status=400, detail=_("The request could not be understood."))
    return defaults.bad_request(request, exception)


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_problem(request):
        return problem_response(status=403, detail=_("You do not have permission to do this."))
    return defaults.permission_denied(request, exception)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_problem(request):
        return problem_response(
            status=404, detail=_("Nothing is found at %(path)s.") % {"path": request.path})
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if _wants_problem(request):
        return problem_response(status=500, detail=_("An unexpected error occurred."))
    return defaults.server_error(request)
