"""Writes that belong to no single app: the bootstrap admin account, API tokens."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from kbase.core.models import ApiToken

# New keys start with this, so that secret scanners and people can tell a kbase key.
API_KEY_START = "kb_"


def refuse_unknown_fields(fields: dict[str, Any], allowed: set[str]) -> None:
    """Services take their fields as keywords; a misspelt one is a programming error."""
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(unknown)}")


@transaction.atomic
def admin_ensure(*, username: str = "admin", password: str = "") -> str | None:
    """Make sure a superuser `username` exists.

    With `password`, the account's password is set to it (so changing
    KBASE_ADMIN_PASSWORD takes effect). Without, a new account gets a generated
    password, which is returned once and never stored in clear; an existing
    account is left alone. Returns the generated password, or None.
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    generated = None
    if user is None:
        generated = None if password else secrets.token_urlsafe(12)
        user_model.objects.create_superuser(
            username=username, email="", password=password or generated)
    elif password and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return generated


@transaction.atomic
def api_token_create(*, user, name: str,
                     expires_at: datetime | None = None) -> tuple[ApiToken, str]:
    """A new named API token for `user`, and its key: the only time the key exists
    outside the client, as the database keeps its SHA-256 digest alone."""
    key = API_KEY_START + secrets.token_hex(32)
    token = ApiToken(user=user, name=name.strip(), expires_at=expires_at,
                     prefix=ApiToken.prefix_of(key), digest=ApiToken.digest_of(key))
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_tokens_revoke(*, tokens: QuerySet[ApiToken]) -> int:
    """Revoke the tokens not yet revoked among `tokens`; answers how many."""
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_mark_used(*, token: ApiToken, now: datetime) -> None:
    """Record that `token` authenticated a request, at most once every
    KBASE_TOKEN_LAST_USED_SECONDS, so that reading with a token is not a write
    each time. The condition is in the UPDATE: concurrent requests write once."""
    interval = timedelta(seconds=settings.KBASE_TOKEN_LAST_USED_SECONDS)
    if token.last_used_at is not None and now - token.last_used_at < interval:
        return
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - interval), pk=token.pk,
    ).update(last_used_at=now)
    token.last_used_at = now
