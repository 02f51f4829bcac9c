"""Admin behaviour shared by the apps."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext
from pghistory.models import Events


class HistoryAdminMixin:
    """The object's history page shows the database-trigger history (pghistory):
    every change, including bulk and raw SQL ones, with who, when, the field diff
    and why, for the object and for the rows that reference it (citations of a
    fact, statements of a discrepancy)."""

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return super().history_view(request, object_id, extra_context)
        events = Events.objects.references(obj).order_by("-pgh_created_at", "-pgh_id")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History: %(object)s") % {"object": obj},
            "opts": self.model._meta,
            "object": obj,
            "events": events[:500],
            "subtitle": None,
        }
        return TemplateResponse(request, "admin/kbase/history.html", context)
