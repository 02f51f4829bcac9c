"""Admin behaviour shared by the apps."""

from __future__ import annotations

import pghistory
from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
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


class EditSummaryForm(forms.ModelForm):
    edit_summary = forms.CharField(
        label=_("Edit summary"), required=False, max_length=2000,
        help_text=_("Why you made this change: kept in the history."),
        widget=forms.TextInput(attrs={"size": 80}))


class EditSummaryAdminMixin:
    """An edit summary on the form (an EditSummaryForm), kept as the `reason` of the
    history events the save writes (who and where come from the history middleware)."""

    form: type[forms.ModelForm] = EditSummaryForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if any("edit_summary" in (options.get("fields") or [])
               for _name, options in fieldsets):
            return fieldsets
        return [*fieldsets, (_("Why"), {"fields": ["edit_summary"]})]

    def save_model(self, request, obj, form, change):
        with pghistory.context(reason=form.cleaned_data.get("edit_summary", "")):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with pghistory.context(reason=form.cleaned_data.get("edit_summary", "")):
            super().save_related(request, form, formsets, change)
