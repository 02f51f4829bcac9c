"""Liveness and readiness probes for load balancers and orchestrators."""

import logging
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import routing

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive; says nothing about the database."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: the primary database answers `SELECT 1`. Each read replica's
    state and replication lag is reported (and its verdict refreshed); a replica in
    trouble does not make the server unready, since reads fall back to the primary."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        # The cause goes to the log, not to whoever probes: it names hosts and ports.
        logger.warning("readiness: database unreachable: %s", error)
        # Drop the broken connection so the next probe reconnects once the
        # database is back, without restarting the worker.
        connection.close_if_unusable_or_obsolete()
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable"},
            status=503,
            headers={"Retry-After": "5"},
        )
    body: dict[str, Any] = {"status": "ok", "database": "ok"}
    if replicas := routing.replica_aliases():
        body["replicas"] = [routing.replica_probe(alias).as_dict() for alias in replicas]
        body["replica_max_lag_seconds"] = settings.KBASE_REPLICA_MAX_LAG_SECONDS
    return JsonResponse(body)
