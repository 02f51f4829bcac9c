"""Read replicas: which database a query goes to.

The rule, decided once per request by `ReplicaRoutingMiddleware`:

* A request may read from a replica when replicas are configured and it is a
  GET, HEAD or OPTIONS request, outside `/admin/`, without an `Authorization`
  header, without a session cookie, and without a recent write: no
  `kbase_recent_write` cookie or `Kbase-Recent-Write` header holding a Unix time
  less than KBASE_READ_YOUR_WRITES_SECONDS old. Every response to a successful
  write (POST, PUT, PATCH, DELETE answered below 400) sets that cookie and header.
* Everything else reads from the primary, and so do views marked
  `reads_from_primary` (the change feed), and the tables of the cache, sessions,
  API tokens and login attempts, whatever the request.
* Every write goes to the primary. Migrations run on the primary only.
* A request that may use a replica reads from one replica in rotation (chosen at
  random, the same one for the whole request). A replica is in rotation when it
  answers, is still a standby, and lags the primary by no more than
  KBASE_REPLICA_MAX_LAG_SECONDS; each process re-checks every
  KBASE_REPLICA_CHECK_SECONDS. With none in rotation, reads go to the primary.
* If a request that read from a replica fails with a database error (503), the
  replica leaves the rotation at once and the request runs again on the primary.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = DEFAULT_DB_ALIAS
# Tables whose reads must see the latest writes (a throttle counter, a session, a
# token just revoked, a login lockout) or that are written while reading.
PRIMARY_ONLY_APPS = frozenset({"django_cache", "sessions", "axes", "admin"})
PRIMARY_ONLY_MODELS = frozenset({"core.apitoken"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PRIMARY_PATH_PREFIXES = ("/admin/",)
RECENT_WRITE_COOKIE = "kbase_recent_write"
RECENT_WRITE_HEADER = "Kbase-Recent-Write"


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


# --- which requests may read from a replica ------------------------------------------

def _recent_write(value: str | None, now: float) -> bool:
    try:
        written_at = float(value) if value else None
    except ValueError:
        return False
    # A little slack for clocks that differ between web servers.
    window = settings.KBASE_READ_YOUR_WRITES_SECONDS
    return written_at is not None and -5 <= now - written_at <= window


def may_read_from_replica(request) -> bool:
    if not replica_aliases() or request.method not in SAFE_METHODS:
        return False
    if request.path.startswith(PRIMARY_PATH_PREFIXES):
        return False
    if "HTTP_AUTHORIZATION" in request.META or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    now = time.time()
    return not (_recent_write(request.COOKIES.get(RECENT_WRITE_COOKIE), now)
                or _recent_write(request.headers.get(RECENT_WRITE_HEADER), now))


def mark_recent_write(response) -> None:
    """Tell the client it wrote: its reads stay on the primary for a few seconds."""
    written_at = str(int(time.time()))
    response[RECENT_WRITE_HEADER] = written_at
    response.set_cookie(RECENT_WRITE_COOKIE, written_at,
                        max_age=settings.KBASE_READ_YOUR_WRITES_SECONDS, httponly=True,
                        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)


# --- the request's routing state ------------------------------------------------------

@dataclass
class RequestRouting:
    may_use_replica: bool
    replica: str | None = None  # the replica this request reads from, once chosen
    chosen: bool = False


_current: ContextVar[RequestRouting | None] = ContextVar("kbase_request_routing", default=None)


def begin(state: RequestRouting):
    return _current.set(state)


def end(token) -> None:
    _current.reset(token)


def current() -> RequestRouting | None:
    return _current.get()


# --- replica health -------------------------------------------------------------------

@dataclass
class ReplicaHealth:
    alias: str
    reachable: bool
    standby: bool = False
    lag_seconds: float | None = None
    lag_bytes: int | None = None
    checked_at: float = 0.0  # time.monotonic()

    @property
    def in_rotation(self) -> bool:
        return (self.reachable and self.standby and self.lag_seconds is not None
                and self.lag_seconds <= settings.KBASE_REPLICA_MAX_LAG_SECONDS)

    @property
    def status(self) -> str:
        if not self.reachable:
            return "unreachable"
        if not self.standby:
            return "not a standby"
        return "ok" if self.in_rotation else "lagging"

    def as_dict(self) -> dict:
        return {"alias": self.alias, "status": self.status, "in_rotation": self.in_rotation,
                "lag_seconds": None if self.lag_seconds is None else round(self.lag_seconds, 3),
                "lag_bytes": self.lag_bytes}


_verdicts: dict[str, ReplicaHealth] = {}
_verdicts_lock = threading.Lock()

# The replica's lag: none when it has replayed all the WAL the primary had written
# when asked; otherwise the age of the last transaction it replayed. Without the
# primary (down), its own received WAL stands in for the primary's.
_LAG_SQL = """
SELECT pg_is_in_recovery(),
       pg_wal_lsn_diff(COALESCE(%s::pg_lsn, pg_last_wal_receive_lsn()), pg_last_wal_replay_lsn()),
       EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())
"""


def _primary_wal_position() -> str | None:
    try:
        with connections[PRIMARY].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            return cursor.fetchone()[0]
    except DatabaseError:
        return None


def replica_probe(alias: str) -> ReplicaHealth:
    """Ask the replica (and the primary) now how far behind the replica is."""
    primary_position = _primary_wal_position()
    health = ReplicaHealth(alias=alias, reachable=False, checked_at=time.monotonic())
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(_LAG_SQL, [primary_position])
            standby, lag_bytes, age = cursor.fetchone()
    except DatabaseError as error:
        logger.warning("replica %s unreachable: %s", alias, error)
        with suppress(DatabaseError):
            connections[alias].close()
    else:
        health.reachable, health.standby = True, bool(standby)
        health.lag_bytes = max(0, int(lag_bytes)) if lag_bytes is not None else None
        if health.lag_bytes == 0:
            health.lag_seconds = 0.0
        elif age is not None:
            health.lag_seconds = max(0.0, float(age))
    with _verdicts_lock:
        _verdicts[alias] = health
    if not health.in_rotation:
        logger.info("replica %s out of the read rotation: %s", alias, health.as_dict())
    return health


def replica_health(alias: str) -> ReplicaHealth:
    """The process's recent verdict on a replica, probing again when it is stale."""
    with _verdicts_lock:
        verdict = _verdicts.get(alias)
    max_age = settings.KBASE_REPLICA_CHECK_SECONDS
    if verdict is None or time.monotonic() - verdict.checked_at > max_age:
        verdict = replica_probe(alias)
    return verdict


def take_out_of_rotation(alias: str) -> None:
    """A replica just failed a request: leave it out until the next check."""
    with _verdicts_lock:
        _verdicts[alias] = ReplicaHealth(alias=alias, reachable=False, checked_at=time.monotonic())
    with suppress(DatabaseError):
        connections[alias].close()


def replica_choose() -> str | None:
    candidates = [alias for alias in replica_aliases() if replica_health(alias).in_rotation]
    return random.choice(candidates) if candidates else None  # noqa: S311  (not security)


# --- the router -----------------------------------------------------------------------

class ReplicaRouter:
    """Reads of requests that may use a replica go to one in rotation; the rest, and
    every write, to the primary."""

    def db_for_read(self, model, **hints) -> str:
        state = _current.get()
        if (state is None or not state.may_use_replica
                or model._meta.app_label in PRIMARY_ONLY_APPS
                or model._meta.label_lower in PRIMARY_ONLY_MODELS):
            return PRIMARY
        if not state.chosen:
            state.replica, state.chosen = replica_choose(), True
        return state.replica or PRIMARY

    def db_for_write(self, model, **hints) -> str:
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # every database holds the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY
