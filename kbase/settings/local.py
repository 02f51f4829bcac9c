"""Settings for a developer's machine (`make run`)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="local-development-only-not-secret-8f3a2c7e91b44d0d9a6e")

# Serve static files straight from the apps, so no collectstatic is needed locally.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing is collected outside production
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
