"""Request rates, counted in the shared cache (the database's, or Redis with
REDIS_URL) so every worker and every instance sees the same counts.

DRF's throttles keep each client's request times as one list in the cache, read
and written back whole on every request: two round trips carrying up to `rate`
timestamps, and concurrent requests overwrite each other's additions (DRF's docs
say so), letting a burst through. kbase's count instead: one counter per client
and window of `duration` seconds, incremented atomically (in Redis, one round trip
that also reads the previous window's counter), and the previous window's count
weighted by how much of it still lies within the last `duration` seconds: a
sliding window, approximated. Refused requests count too, so a client that keeps
hammering stays refused until its rate falls. (The database cache, for development
without Redis, increments by reading and writing back: not atomic.)

Clients are told apart by account when signed in, otherwise by address: the
address kbase.core.proxies derives (X-Forwarded-For counts only through the
proxies KBASE_TRUSTED_PROXIES trusts). Rates are read from the settings when a
throttle is made, so a changed setting applies at once.

Each worker counts locally and adds its counts to the shared counter a batch at a
time (LocalCounts): a rate of hundreds a minute costs a round trip every few
requests of one client, and a client seen only a few times none.

While Redis cannot count (restarting, unreachable, slower than its socket timeout),
requests go through unthrottled and the log says so, once a minute: throttling
protects the service, and must not take its reads down with it.

Each counted request learns its limits (`ratelimit_headers`): the `RateLimit-Policy`
and `RateLimit` fields of the IETF httpapi draft "RateLimit header fields for HTTP",
e.g. `RateLimit-Policy: "anon";q=600;w=60` and `RateLimit: "anon";r=598;t=42`
(remaining requests, seconds until the window resets). A request that several
throttles count (a dump counts against `anon` and `dumps`) lists every policy, and
`RateLimit` reports the one closest to exhaustion, as the draft suggests.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass

from django.core.cache import BaseCache
from rest_framework import throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings

from kbase.core.cache import CountUnavailable
from kbase.core.proxies import client_address

logger = logging.getLogger(__name__)

_WARN_EVERY_SECONDS = 60.0
_last_warning = -_WARN_EVERY_SECONDS  # time.monotonic() of the last, in this process


def count_request(cache: BaseCache, current_key: str, previous_key: str,
                  timeout: int, amount: int = 1) -> tuple[int, int]:
    """Add `amount` to the counter at `current_key` (created with `timeout`); return
    it and the counter at `previous_key` (0 when absent)."""
    # kbase's Redis cache counts in one round trip (`cache` may be Django's proxy
    # to the configured cache, so its method is looked up, not its class).
    counter = getattr(cache, "count_request", None)
    if counter is not None:
        return counter(current_key, previous_key, timeout, amount)
    if cache.add(current_key, amount, timeout):
        current = amount
    else:
        try:
            current = cache.incr(current_key, amount)
        except ValueError:  # expired between add() and incr()
            cache.set(current_key, amount, timeout)
            current = amount
        # The database cache's incr() writes back with the cache's default timeout.
        cache.touch(current_key, timeout)
    return current, cache.get(previous_key, 0)


# A worker sends its counts to the shared cache in batches of up to this share of a
# rate (at least 1, at most MAX_BATCH): a client the worker has seen fewer times
# than that in a window costs no round trip at all. The price is tolerance: each
# worker may let through up to a batch less one that the others do not know of yet
# (gunicorn.conf.py runs at most 9 workers: a rate holds within 9% of itself), and
# the counts a worker has not sent when the window ends are not shared.
BATCH_SHARE = 0.01
MAX_BATCH = 100


def batch_size(num_requests: int) -> int:
    return max(1, min(MAX_BATCH, int(num_requests * BATCH_SHARE)))


@dataclass
class _WindowCount:
    shared: int = 0  # the shared counter as this worker last read it
    unsent: int = 0  # this worker's requests since, not yet added to it
    previous: int = 0  # the previous window's shared counter, read with it


class LocalCounts:
    """This process's counts of each client's current window, sent to the shared
    cache a batch at a time (see BATCH_SHARE). One per process; the lock keeps
    threads of one worker (GUNICORN_THREADS) from sending the same batch twice."""

    def __init__(self) -> None:
        self._windows: dict[str, _WindowCount] = {}
        self._window = -1  # the newest window seen: older ones are dropped
        self._lock = threading.Lock()

    def count(self, cache: BaseCache, key: str, window: int, *, timeout: int,
              batch: int) -> tuple[int, int]:
        """Count one request of `key` in `window`; return the counts this worker
        knows of that window and the one before."""
        current_key, previous_key = f"{key}:{window}", f"{key}:{window - 1}"
        with self._lock:
            if window > self._window:
                self._forget_before(window - 1)
            counts = self._windows.setdefault(current_key, _WindowCount())
            counts.unsent += 1
            if counts.unsent < batch:
                return counts.shared + counts.unsent, counts.previous
            unsent, counts.unsent = counts.unsent, 0
        try:
            shared, previous = count_request(cache, current_key, previous_key,
                                             timeout=timeout, amount=unsent)
        except CountUnavailable:
            with self._lock:
                counts.unsent += unsent  # sent with the next batch, if it goes through
            raise
        with self._lock:
            counts.shared, counts.previous = max(counts.shared, shared), previous
        # This request's count is the shared counter's answer to it: with concurrent
        # threads, another's later answer must not count against this one.
        return shared, previous

    def forget(self) -> None:
        """Drop every count (as a new worker starts): the shared counters stay."""
        with self._lock:
            self._windows.clear()
            self._window = -1

    def _forget_before(self, window: int) -> None:
        self._window = window + 1
        # Keys end in their window's number; only this window and the last are read.
        self._windows = {key: counts for key, counts in self._windows.items()
                         if int(key.rsplit(":", 1)[1]) >= window}


_local_counts = LocalCounts()


RATELIMIT_ATTRIBUTE = "kbase_ratelimits"


@dataclass(frozen=True)
class ServiceLimit:
    """Where one throttle's count of a request left its client."""

    policy: str  # the throttle's scope
    quota: int
    window: int  # seconds
    remaining: int
    reset: int  # seconds until more quota (on a refusal, the throttle's wait)


def ratelimit_record(request, limit: ServiceLimit) -> None:
    """Remember `limit` on the Django request, which outlives DRF's wrapper into the
    response; one per policy, in the order the throttles counted."""
    request = getattr(request, "_request", request)
    limits = getattr(request, RATELIMIT_ATTRIBUTE, None)
    if limits is None:
        limits = {}
        setattr(request, RATELIMIT_ATTRIBUTE, limits)
    limits[limit.policy] = limit


def ratelimit_headers(request) -> dict[str, str]:
    """The RateLimit-Policy and RateLimit fields for the limits that counted `request`
    (none when no throttle counted it): every policy, and the service limit of the
    one closest to exhaustion. Fewest requests left decides; between equals, the one
    that frees later, so that a refusal's `t` is its Retry-After (DRF answers the
    longest wait of the throttles that refused)."""
    limits = list(getattr(request, RATELIMIT_ATTRIBUTE, {}).values())
    if not limits:
        return {}
    nearest = min(limits, key=lambda limit: (limit.remaining, -limit.reset))
    return {"RateLimit-Policy": ", ".join(f'"{limit.policy}";q={limit.quota};w={limit.window}'
                                          for limit in limits),
            "RateLimit": f'"{nearest.policy}";r={nearest.remaining};t={nearest.reset}'}


class SlidingWindowThrottle(throttling.SimpleRateThrottle):
    # SimpleRateThrottle.__init__ parses them from the rate (the stubs leave them
    # out); None without a rate, but then allow_request() returns before reading them.
    num_requests: int
    duration: int
    scope: str  # every throttle of kbase's names its scope (its policy's name)
    # This request's window: seconds into it, and the counts of it and the one before.
    elapsed: float
    current: int
    previous: int

    @property
    def THROTTLE_RATES(self) -> dict:  # type: ignore[override]
        # DRF's class attribute holds the rates read when DRF was imported.
        return api_settings.DEFAULT_THROTTLE_RATES

    def get_ident(self, request) -> str:
        return client_address(request)

    def allow_request(self, request: Request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        window, self.elapsed = divmod(self.timer(), self.duration)
        try:
            self.current, self.previous = _local_counts.count(
                self.cache, self.key, int(window), timeout=2 * self.duration,
                batch=batch_size(self.num_requests))
        except CountUnavailable as error:
            _warn_uncounted(error)
            return True
        estimate = self._estimate()
        allowed = estimate <= self.num_requests
        # What this worker knows of the counts (see BATCH_SHARE): as approximate as the limit.
        remaining = max(0, self.num_requests - math.ceil(estimate))
        reset = self.wait() if not allowed else max(1, math.ceil(self.duration - self.elapsed))
        ratelimit_record(request, ServiceLimit(self.scope, self.num_requests, self.duration,
                                               remaining, reset))
        return allowed

    def _estimate(self) -> float:
        overlap = 1 - self.elapsed / self.duration
        return self.previous * overlap + self.current

    def wait(self) -> int:
        """Seconds until the estimate falls back within the rate (at least 1)."""
        if self.current > self.num_requests or not self.previous:
            seconds = self.duration - self.elapsed  # this window must end
        else:
            # The previous window's weight falls to nothing as this window passes.
            fits_at = 1 - (self.num_requests - self.current) / self.previous
            seconds = fits_at * self.duration - self.elapsed
        return max(1, math.ceil(seconds))


def _warn_uncounted(error: CountUnavailable) -> None:
    global _last_warning
    now = time.monotonic()
    if now - _last_warning >= _WARN_EVERY_SECONDS:
        _last_warning = now
        logger.warning("Throttles could not count requests, letting them through: %s", error)


class AnonymousRateThrottle(SlidingWindowThrottle, throttling.AnonRateThrottle):
    """Anonymous clients, by address."""


class ClientRateThrottle(SlidingWindowThrottle):
    """Every client in one scope (set by subclasses): by account when signed in,
    otherwise by address."""

    def get_cache_key(self, request, view) -> str:
        user = getattr(request, "user", None)
        ident = (f"account-{user.pk}" if user is not None and user.is_authenticated
                 else self.get_ident(request))
        return self.cache_format % {"scope": self.scope, "ident": ident}


class DumpRateThrottle(ClientRateThrottle):
    """Downloads of the whole base (CSV, NDJSON): each costs the server far more
    than a page of the API, so they have their own, stricter rate."""

    scope = "dumps"


class PageRateThrottle(ClientRateThrottle):
    """The public search page (a Django view: kbase.facts.pages calls it)."""

    scope = "page"


class MatchRateThrottle(ClientRateThrottle):
    """Claim matching: each request embeds a text (tens of milliseconds of a worker's
    CPU), so it has its own rate besides the API's."""

    scope = "match"


class AccountRateThrottle(SlidingWindowThrottle, throttling.UserRateThrottle):
    """Signed-in clients, by account. Anonymous clients are AnonymousRateThrottle's
    alone (DRF's UserRateThrottle would count them a second time, by address)."""

    def get_cache_key(self, request: Request, view) -> str | None:
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
