"""Request rates, counted in the shared cache (the database's, or Redis with
REDIS_URL) so every worker and every instance sees the same counts."""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.request import Request


class AccountRateThrottle(throttling.UserRateThrottle):
    """Signed-in clients, by account. Anonymous clients are AnonRateThrottle's
    alone (DRF's UserRateThrottle would count them a second time, by address)."""

    def get_cache_key(self, request: Request, view) -> str | None:
        if not request.user or not request.user.is_authenticated:
            return None
        return super().get_cache_key(request, view)
