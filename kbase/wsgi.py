import os

from django.core.wsgi import get_wsgi_application

# Served means production unless DJANGO_SETTINGS_MODULE says otherwise (`make run`
# says kbase.settings.local): the local settings' secret key is public.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kbase.settings.production")

application = get_wsgi_application()
