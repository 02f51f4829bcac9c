"""kbase's production settings with the plain DRF API as the URL conf."""

from kbase.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.plain.urls"
