"""Sources in the admin: editions side by side, a URL that is already a source
named in the error, archived texts. Writes go through kbase.sources.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from kbase.core.admin import EditSummaryAdminMixin, EditSummaryForm, HistoryAdminMixin

from . import services
from .models import Publisher, Source, Work
from .normalize import InvalidURL, normalize_url

# Links pasted without a scheme are https links (Django 6's default, chosen now).
URL_FIELDS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}}

# The fields editors write, as the services define them.
SOURCE_FIELDS = sorted(services.SOURCE_FIELDS)


class SourceForm(EditSummaryForm):
    url = forms.URLField(label=_("URL as given"), max_length=2048, required=False,
                         assume_scheme="https")
    edition_of = forms.ModelChoiceField(
        label=_("Edition of"), queryset=Source.objects.all(), required=False,
        help_text=_("Another edition of the same work (e.g. the Korean original of this "
                    "translation)."))

    class Meta:
        model = Source
        fields = ["publisher", *SOURCE_FIELDS]
        widgets = {"archived_text": forms.Textarea(attrs={"rows": 12, "cols": 100})}

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if not url:
            return url
        try:
            key = normalize_url(url)
        except InvalidURL as error:
            raise ValidationError(str(error)) from error
        clash = Source.objects.filter(normalized_url=key).exclude(pk=self.instance.pk).first()
        if clash is not None:
            raise ValidationError(
                _("This URL is already the source “%(source)s” (%(slug)s), as %(key)s."),
                params={"source": clash, "slug": clash.slug, "key": key})
        return url


@admin.register(Source)
class SourceAdmin(EditSummaryAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    form = SourceForm
    list_display = ["__str__", "publisher", "kind", "language", "edition_kind",
                    "published_on"]
    list_filter = ["language", "kind", "edition_kind", "publisher"]
    search_fields = ["slug", "title_ko", "title_en", "normalized_url"]
    readonly_fields = ["normalized_url", "work", "other_editions"]
    fieldsets = [
        (None, {"fields": [("publisher", "kind"), ("language", "edition_kind"), "slug"]}),
        (_("Titles"), {"fields": [("title_ko", "title_en"), "program", "authors"]}),
        (_("Date"), {"fields": [("published_on", "published_precision"), "published_note",
                                "accessed_on"]}),
        (_("Where"), {"fields": ["url", "normalized_url"]}),
        (_("Editions"), {"fields": ["work", "other_editions", "edition_of"]}),
        (_("Archived text"), {"classes": ["collapse"], "fields": ["archived_text"]}),
    ]

    @admin.display(description=_("Other editions"))
    def other_editions(self, source: Source) -> str:
        editions = Source.objects.filter(work_id=source.work_id).exclude(pk=source.pk)
        return format_html_join(", ", '<a href="../../{}/change/">{}</a>',
                                ((edition.pk, edition) for edition in editions)) or "—"

    def save_model(self, request, obj, form, change):
        data = {field: form.cleaned_data[field] for field in SOURCE_FIELDS}
        edition_of = form.cleaned_data.get("edition_of")
        if change:
            saved = services.source_update(source=Source.objects.get(pk=obj.pk),
                                           publisher=form.cleaned_data["publisher"], **data)
            if edition_of is not None:
                services.source_link_editions(source=edition_of, other=saved)
        else:
            saved = services.source_create(publisher=form.cleaned_data["publisher"],
                                           edition_of=edition_of, **data)
        obj.pk = saved.pk
        obj.refresh_from_db()


@admin.register(Publisher)
class PublisherAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["slug", "name_ko", "name_en", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["slug", "name_ko", "name_en"]

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in services.PUBLISHER_FIELDS}
        if change:
            services.publisher_update(publisher=Publisher.objects.get(pk=obj.pk), **fields)
        else:
            obj.pk = services.publisher_create(**fields).pk


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    search_fields = ["slug"]
