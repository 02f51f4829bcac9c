"""Reads that belong to no single app."""

from __future__ import annotations

from django.db.models import QuerySet

from kbase.core.models import ApiToken


def api_token_by_prefix(*, prefix: str) -> ApiToken | None:
    """The token whose key starts with `prefix`, with its user: one indexed query."""
    return ApiToken.objects.select_related("user").filter(prefix=prefix).first()


def api_token_list(*, user, prefix: str | None = None) -> QuerySet[ApiToken]:
    tokens = ApiToken.objects.filter(user=user)
    return tokens if prefix is None else tokens.filter(prefix=prefix)
