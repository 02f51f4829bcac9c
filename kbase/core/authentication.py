"""API keys in the Authorization header: `Token <key>` (as DRF's authtoken had it, so
existing clients keep working) or `Bearer <key>`; and the admin's session, for the
browsable API."""

from __future__ import annotations

import hmac
import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from kbase.core import selectors, services
from kbase.core.models import ApiToken

SCHEMES = frozenset({"token", "bearer"})
# New keys (kb_ and 64 hex digits) and DRF's (40 hex digits); anything else is no key
# of ours, and never reaches the database (a NUL, say, PostgreSQL would refuse).
KEY_SHAPE = re.compile(rf"[A-Za-z0-9_]{{{ApiToken.PREFIX_LENGTH},128}}")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower().decode("latin-1") not in SCHEMES:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(
                _("Invalid token header: send `Authorization: Token <key>` "
                  "or `Authorization: Bearer <key>`."))
        key = parts[1].decode("latin-1")
        if not KEY_SHAPE.fullmatch(key):
            raise AuthenticationFailed(_("Invalid token."))
        return self.authenticate_key(key)

    def authenticate_key(self, key: str):
        token = selectors.api_token_by_prefix(prefix=ApiToken.prefix_of(key))
        if token is None or not hmac.compare_digest(token.digest, ApiToken.digest_of(key)):
            raise AuthenticationFailed(_("Invalid token."))
        now = timezone.now()
        if token.revoked_at is not None:
            raise AuthenticationFailed(
                _("This token (%(prefix)s) was revoked; ask for a new one.")
                % {"prefix": token.prefix})
        if token.expires_at is not None and token.expires_at <= now:
            raise AuthenticationFailed(
                _("This token (%(prefix)s) expired at %(expires_at)s; ask for a new one.")
                % {"prefix": token.prefix,
                   "expires_at": timezone.localtime(token.expires_at).isoformat()})
        if not token.user.is_active:
            raise AuthenticationFailed(_("User inactive or deleted."))
        services.api_token_mark_used(token=token, now=now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Token realm="api", Bearer realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication (CSRF-checked), asked only of a request that
    carries a session cookie. Without one the session is empty and the client
    anonymous; finding that out loaded the session and Django's lazy user on every
    anonymous read (a twentieth of a fact page's CPU)."""

    def authenticate(self, request):
        if settings.SESSION_COOKIE_NAME not in request._request.COOKIES:
            return None
        return super().authenticate(request)
