import os

from django.core.asgi import get_asgi_application

# Served means production unless DJANGO_SETTINGS_MODULE says otherwise (`make run`
# says kbase.settings.local): the local settings' secret key is public.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbase.settings.production")

application = get_asgi_application()
