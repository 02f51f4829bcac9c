"""The API documentation pages, served with a Content-Security-Policy that keeps
them to kbase's own assets (the Redoc bundle would fetch a logo from a CDN)."""

from __future__ import annotations

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            "worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'")


class OfflineDocsMixin:
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class SwaggerView(OfflineDocsMixin, SpectacularSwaggerView):
    pass


class RedocView(OfflineDocsMixin, SpectacularRedocView):
    pass
