from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from kbase.core import health
from kbase.core.docs_views import RedocView, SwaggerView
from kbase.facts import pages

handler400 = "kbase.core.errors.handler400"
handler403 = "kbase.core.errors.handler403"
handler404 = "kbase.core.errors.handler404"
handler500 = "kbase.core.errors.handler500"

urlpatterns = [
    path("", pages.home, name="home"),
    path("facts/<uuid:public_id>/", pages.fact_page, name="fact-page"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("kbase.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
]
