"""Settings for the test suite: the real PostgreSQL from DATABASE_URL, fast hashing."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK, env

SECRET_KEY = "test-only-not-secret-1c0b7f0d6a9e4e56b2a1d3c5e7f9a0b2c4d6e8f0"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Many tests load the same seed facts into a fresh database and commit them
# (live servers, browsers): each text is embedded once per process.
KBASE_EMBEDDING_CACHE = env.int("KBASE_EMBEDDING_CACHE", default=4096)
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing is collected outside production
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Throttling is tested on its own with explicit rates; the rest of the suite
# should not trip over it.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
    "anon": None, "user": None, "dumps": None, "page": None, "match": None}}
