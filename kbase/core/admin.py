"""Admin behaviour shared by the apps, and the API tokens' admin."""

from __future__ import annotations

import pghistory
from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

from kbase.core import services
from kbase.core.models import ApiToken

# Django's own messages that kbase's catalogue words otherwise (it comes first in
# LOCALE_PATHS): Django's Korean heads each list filter "상태 (으)로".
DJANGO_MESSAGES_REWORDED = [gettext_noop(" By %(filter_title)s ")]


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


class ApiTokenStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("active")), ("expired", _("expired")), ("revoked", _("revoked"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        not_expired = Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        if self.value() == "active":
            return queryset.filter(not_expired, revoked_at__isnull=True)
        if self.value() == "expired":
            return queryset.filter(~not_expired, revoked_at__isnull=True)
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Every staff member manages their own tokens; the model permissions open everyone's:
    view (see them), change (revoke them), add (create one for another user). A token
    is never edited: it is created (its key shown on the next page, once) or revoked."""

    list_display = ["prefix", "name", "user", "created_at", "expires_at", "last_used_at",
                    "revoked_at"]
    list_filter = [ApiTokenStatusFilter, ("user", admin.RelatedOnlyFieldListFilter),
                   "created_at", "last_used_at"]
    search_fields = ["prefix", "name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["prefix", "user", "name", "created_at", "expires_at", "last_used_at",
                       "revoked_at"]
    actions = ["revoke"]

    def _sees_all(self, request) -> bool:
        return (request.user.has_perm("core.view_apitoken")
                or request.user.has_perm("core.change_apitoken"))

    def _revokes_all(self, request) -> bool:
        return request.user.has_perm("core.change_apitoken")

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        return tokens if self._sees_all(request) else tokens.filter(user=request.user)

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request) and (
            obj is None or obj.user_id == request.user.pk or self._sees_all(request))

    def has_add_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_revoke_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def get_fields(self, request, obj=None):
        if obj is not None:
            return self.readonly_fields
        if request.user.has_perm("core.add_apitoken"):
            return ["user", "name", "expires_at"]
        return ["name", "expires_at"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def save_model(self, request, obj, form, change) -> None:
        user = obj.user if "user" in form.cleaned_data else request.user
        token, key = services.api_token_create(user=user, name=obj.name,
                                               expires_at=obj.expires_at)
        for field in ApiToken._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding, obj._state.db = False, token._state.db
        obj.key = key

    def response_add(self, request, obj, post_url_continue=None):
        # The key is shown on this page and kept nowhere: not in a message (which the
        # session or a cookie would store), not in the database.
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("The new token's key"),
            "opts": self.model._meta,
            "token": obj,
            "key": obj.key,
        }
        return TemplateResponse(request, "admin/core/apitoken/key_once.html", context)

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset) -> None:
        allowed = queryset if self._revokes_all(request) else queryset.filter(user=request.user)
        refused = queryset.exclude(pk__in=allowed.values("pk")).count()
        revoked = services.api_tokens_revoke(tokens=allowed)
        self.message_user(request, ngettext(
            "%(count)d token revoked.", "%(count)d tokens revoked.", revoked)
            % {"count": revoked}, messages.SUCCESS)
        if refused:
            self.message_user(request, ngettext(
                "%(count)d token of another user was left as it was: revoking other "
                "users' tokens needs the permission to change API tokens.",
                "%(count)d tokens of other users were left as they were: revoking other "
                "users' tokens needs the permission to change API tokens.", refused)
                % {"count": refused}, messages.ERROR)
