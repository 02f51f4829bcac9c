"""Production settings: no defaults for secrets, HTTPS everywhere, static files collected."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# No default: production refuses to start without a real secret.
SECRET_KEY = env.str("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Whether a request came over HTTPS is gunicorn's to say (wsgi.url_scheme): it
# believes X-Forwarded-Proto only from the proxies KBASE_TRUSTED_PROXIES trusts
# (gunicorn.conf.py), where Django's SECURE_PROXY_SSL_HEADER would believe anyone.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
