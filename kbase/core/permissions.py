"""The API's default permission (its own module: DRF imports it while defining its
views)."""

from __future__ import annotations

from rest_framework import permissions
from rest_framework.request import Request


class ModelPermissionsOrAnonReadOnly(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """Reads are open to everyone (what each client sees is the selectors' business);
    writes need the model permission. A read is allowed before the view builds its
    queryset, which DRF would otherwise do only to learn the model."""

    def has_permission(self, request: Request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)
