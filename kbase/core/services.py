"""Writes that belong to no single app: the bootstrap admin account."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction


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
def api_token_create(*, username: str) -> str:
    """A new API token for `username`, replacing (so revoking) any previous one."""
    from rest_framework.authtoken.models import Token

    user = get_user_model().objects.get(username=username)
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key


@transaction.atomic
def api_token_revoke(*, username: str) -> bool:
    """Revoke `username`'s token; True if there was one."""
    from rest_framework.authtoken.models import Token

    deleted, _ = Token.objects.filter(user__username=username).delete()
    return deleted > 0
