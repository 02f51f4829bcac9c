"""Errors the services raise; the API maps each to its HTTP status in one place."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A write that cannot be done as asked. `field` names the input at fault."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None, **extra: Any):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra


class InvalidTransition(ServiceError):
    """The workflow does not allow this step from the fact's current status."""

    status_code = 409
    code = "invalid_transition"


class StaleVersion(ServiceError):
    """The object changed since the client (or editor) last read it."""

    status_code = 412
    code = "stale_version"
