"""The editors' admin: both languages side by side, citations inline, workflow
actions, history, and no silent overwrite when two editors save the same fact.

Every write goes through kbase.facts.services, as the API's do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from kbase.core.admin import EditSummaryAdminMixin, HistoryAdminMixin
from kbase.core.exceptions import ServiceError
from kbase.core.search import QueryError, parse_query, search_condition

from . import matching, selectors, services
from .models import (
    Citation,
    Discrepancy,
    DiscrepancyStatement,
    Entity,
    Fact,
    TextOrigin,
    Topic,
)
from .numbers import check_numbers
from .resources import FactResource

if TYPE_CHECKING:
    from collections.abc import Sequence

    from django_stubs_ext import WithAnnotations

    from .models import StaleLanguages

# The fields editors write, as the services define them.
FACT_CONTENT_FIELDS = sorted(services.FACT_FIELDS)


class FactForm(forms.ModelForm):
    edit_summary = forms.CharField(
        label=_("Edit summary"), required=False, max_length=2000,
        help_text=_("Why you made this change: kept in the fact's history."),
        widget=forms.TextInput(attrs={"size": 80}))
    # The version the editor loaded; a save based on an older one is refused.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown (as a checkbox) once the texts read like a recorded fact: see clean().
    save_anyway = forms.BooleanField(
        label=_("Save anyway"), required=False, widget=forms.HiddenInput,
        help_text=_("Tick this once you have checked that none of the facts above records "
                    "the same thing, then save again."))
    # Who is saving (FactAdmin.get_form): their facts are the ones compared.
    editor = None

    class Meta:
        model = Fact
        fields = [*FACT_CONTENT_FIELDS, "topics", "entities"]
        widgets = {
            "text_ko": forms.Textarea(attrs={"rows": 5, "cols": 40, "lang": "ko"}),
            "text_en": forms.Textarea(attrs={"rows": 5, "cols": 40, "lang": "en"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None:
            current = Fact.objects.filter(pk=self.instance.pk).values_list(
                "version", flat=True).first()
            if current is not None and current != loaded:
                raise ValidationError(conflict_message(self.instance, loaded, current))
        if not self.errors and not cleaned.get("save_anyway"):
            self._hold_likely_duplicate(cleaned)
        return cleaned

    def _hold_likely_duplicate(self, cleaned: dict) -> None:
        """New texts that read like a recorded fact (matching's `likely_same`) are not
        kept until the editor has seen that fact and ticks “Save anyway”."""
        texts = ("text_ko", "text_en")
        if self.instance.pk and not set(texts) & set(self.changed_data):
            return
        as_written = Fact(pk=self.instance.pk, **{text: cleaned.get(text) or ""
                                                  for text in texts})
        likely = [match for match in matching.similar_facts(fact=as_written, user=self.editor)
                  if match.verdict == matching.Verdict.LIKELY_SAME]
        if not likely:
            return
        self.fields["save_anyway"].widget = forms.CheckboxInput()
        self.add_error("save_anyway", ValidationError(format_html(
            "{}{}", gettext("This may be a fact already recorded. Nothing was saved: check "
                            "the facts below (each opens in a new tab), then either change "
                            "the texts, or tick “Save anyway” and save again."),
            similar_facts_html(likely, user=self.editor))))


def conflict_message(fact: Fact, loaded: int, current: int) -> str:
    """What another editor changed since `loaded`, from the history."""
    changes = []
    for event in fact.events.filter(version__gt=loaded).order_by("pgh_id"):
        who = (event.pgh_context.metadata.get("username") if event.pgh_context else None) \
            or gettext("someone")
        changes.append(gettext("%(who)s at %(when)s") % {
            "who": who, "when": timezone.localtime(event.pgh_created_at).strftime("%H:%M:%S")})
    current_fact = Fact.objects.get(pk=fact.pk)
    loaded_event = fact.events.filter(version=loaded).order_by("-pgh_id").first()
    fields = []
    if loaded_event is not None:
        for field in FACT_CONTENT_FIELDS:
            before, after = getattr(loaded_event, field), getattr(current_fact, field)
            if before != after:
                fields.append(f"{field}: “{before}” → “{after}”")
    return gettext(
        "Someone else saved this fact while you were editing it (your version %(loaded)d, "
        "now %(current)d; saved by %(who)s). Nothing of yours was saved. Their changes: "
        "%(fields)s. Reload the page, then apply your change again."
    ) % {"loaded": loaded, "current": current, "who": ", ".join(changes) or "?",
         "fields": "; ".join(fields) or gettext("citations or status")}


def similar_facts_html(matches: Sequence[matching.Match], *, user) -> SafeString:
    """Facts that claim matching found, each linked to its change page, with how
    close it is: the duplicate warning's list and the change form's section."""
    facts = selectors.fact_visible(user=user).in_bulk([match.fact_id for match in matches])
    return render_to_string("admin/facts/fact/similar_facts.html", {"similar": [
        {"match": match, "fact": facts[match.fact_id]} for match in matches
        if match.fact_id in facts]})


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = [("source", "stance", "locator"), ("quote", "quote_translation"),
              ("note", "accessed_on")]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in {"quote", "quote_translation", "note"}:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 50})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("ko", _("Korean missing")), ("en", _("English missing"))]

    def queryset(self, request, queryset):
        if self.value() in {"ko", "en"}:
            return queryset.filter(**{f"text_{self.value()}": ""})
        return queryset


class StaleTranslationFilter(admin.SimpleListFilter):
    title = _("possibly stale translation")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", _("Possibly stale")), ("no", _("Up to date"))]

    def queryset(self, request, queryset):
        # FactAdmin's queryset carries `stale_languages`.
        if self.value() == "yes":
            return queryset.filter(stale_languages__len__gt=0)
        if self.value() == "no":
            return queryset.filter(stale_languages__len=0)
        return queryset


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", _("Review overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.filter(review_by__lt=timezone.localdate())
        return queryset


class PublisherFilter(admin.SimpleListFilter):
    title = _("publisher")
    parameter_name = "publisher"

    def lookups(self, request, model_admin):
        from kbase.sources.models import Publisher

        return [(p.slug, str(p)) for p in Publisher.objects.order_by("slug")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(Exists(Citation.objects.filter(
                fact=OuterRef("pk"), source__publisher__slug=self.value())))
        return queryset


class SourceLanguageFilter(admin.SimpleListFilter):
    title = _("source language")
    parameter_name = "source_language"

    def lookups(self, request, model_admin):
        return [("ko", _("Korean")), ("en", _("English"))]

    def queryset(self, request, queryset):
        if self.value() in {"ko", "en"}:
            return queryset.filter(Exists(Citation.objects.filter(
                fact=OuterRef("pk"), source__language=self.value())))
        return queryset


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3, "cols": 60}))


class SupersedeForm(ReasonForm):
    replacement = forms.ModelChoiceField(
        label=_("Replaced by"), queryset=Fact.objects.filter(status=Fact.Status.PUBLISHED),
        help_text=_("The current fact that replaces the selected ones."))


@admin.register(Fact)
class FactAdmin(ImportExportMixin, HistoryAdminMixin, admin.ModelAdmin):
    form = FactForm
    resource_classes = [FactResource]
    formats = [CSV, XLSX]
    list_display = ["short_ko", "short_en", "status", "as_of", "language_badges",
                    "numbers", "updated"]
    list_display_links = ["short_ko", "short_en"]
    list_filter = ["status", "topics", PublisherFilter, SourceLanguageFilter,
                   MissingTranslationFilter, StaleTranslationFilter, ReviewOverdueFilter]
    search_fields = ["text_ko"]  # replaced by the bilingual search below
    search_help_text = _("Searches both languages: 인재 finds 인재가, recruit finds recruiting; "
                         "\"a phrase\", -exclude and OR work.")
    autocomplete_fields = ["topics", "entities"]
    readonly_fields = ["public_id", "status", "status_reason", "superseded_by", "version",
                       "published_at", "created_at", "updated_at", "created_by",
                       "updated_by", "number_check", "translation_state"]
    fieldsets = [
        (_("Text"), {"fields": [("text_ko", "text_en"), "save_anyway",
                                ("text_ko_origin", "text_en_origin"), "translation_state"]}),
        (_("Quantity and date"), {"fields": [
            ("quantity_value", "quantity_unit", "quantity_qualifier"),
            ("as_of", "as_of_precision"), ("period_start", "period_end"), "number_check"]}),
        (_("Classification"), {"fields": ["topics", "entities"]}),
        (_("Workflow"), {"fields": [("status", "status_reason"), "superseded_by",
                                    "review_by", ("published_at", "version")]}),
        (_("Record"), {"classes": ["collapse"], "fields": [
            "public_id", ("created_at", "created_by"), ("updated_at", "updated_by")]}),
        (_("Why"), {"fields": ["edit_summary", "loaded_version"]}),
    ]
    inlines = [CitationInline]
    actions = ["send_to_review", "publish", "retract", "supersede", "confirm_translations"]
    list_per_page = 50

    def get_queryset(self, request):
        return (super().get_queryset(request).select_related("superseded_by")
                .with_stale_languages())

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A class made for this request (modelform_factory): the user is its own.
        return type(form.__name__, (form,), {"editor": request.user})

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        if obj is not None and obj.pk:
            # The facts closest to this one, as its texts read on the page.
            context["similar_facts"] = similar_facts_html(
                matching.similar_facts(fact=obj, user=request.user), user=request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- List columns ---

    @admin.display(description=_("Korean"))
    def short_ko(self, fact: Fact) -> str:
        return Truncator(fact.text_ko).chars(60) or "—"

    @admin.display(description=_("English"))
    def short_en(self, fact: Fact) -> str:
        return Truncator(fact.text_en).chars(60) or "—"

    @admin.display(description=_("updated at"), ordering="updated_at")
    def updated(self, fact: Fact) -> str:
        # Numeric, as a newsroom writes times: the list's long localised form
        # ("2026년 12월 4일 7:24 오전") took the room the texts need.
        when = timezone.localtime(fact.updated_at)
        return format_html('<span class="kbase-nowrap">{}</span> <span class="kbase-nowrap">{}'
                           "</span>", when.strftime("%Y-%m-%d"), when.strftime("%H:%M"))

    @admin.display(description=_("Languages"))
    def language_badges(self, fact: WithAnnotations[Fact, StaleLanguages]) -> str:
        stale = fact.stale_languages
        badges = []
        for language in ("ko", "en"):
            if not getattr(fact, f"text_{language}"):
                label, css = gettext("missing"), "missing"
            elif language in stale:
                label, css = gettext("possibly stale"), "stale"
            elif getattr(fact, f"text_{language}_origin") == TextOrigin.TRANSLATION:
                label, css = gettext("translation"), "translation"
            else:
                label, css = gettext("source wording"), "source"
            badges.append((css, language.upper(), label))
        return format_html_join(" ", '<span class="kbase-badge kbase-{}">{}: {}</span>',
                                badges)

    @admin.display(description=_("Numbers"))
    def numbers(self, fact: Fact) -> str:
        check = check_numbers(text_ko=fact.text_ko, text_en=fact.text_en,
                              quantity=fact.quantity_value)
        if check.consistent:
            return "✓"
        return format_html('<span class="kbase-warning" title="{}">⚠ {}</span>',
                           "; ".join(check.warnings()), check.warnings()[0])

    @admin.display(description=_("Number check"))
    def number_check(self, fact: Fact) -> str:
        check = check_numbers(text_ko=fact.text_ko, text_en=fact.text_en,
                              quantity=fact.quantity_value)
        if check.consistent:
            return gettext("The numbers in both texts and the quantity agree.")
        return format_html('<span class="kbase-warning">⚠ {}</span>',
                           "; ".join(check.warnings()))

    @admin.display(description=_("Translation"))
    def translation_state(self, fact: WithAnnotations[Fact, StaleLanguages]) -> str:
        stale = fact.stale_languages
        if not stale:
            return gettext("Both languages are up to date with each other.")
        names = {"ko": gettext("Korean"), "en": gettext("English")}
        return format_html(
            '<span class="kbase-warning">⚠ {}</span>',
            gettext("The %(stale)s text is older than the last change to the other "
                    "language: check it, then use the “Confirm translations” action.")
            % {"stale": ", ".join(names[language] for language in stale)})

    class Media:
        css = {"all": ["kbase/admin.css"]}

    def changelist_view(self, request, extra_context=None):
        # The two texts need the room (admin.css): at a laptop's width the list goes
        # without the apps' sidebar; the breadcrumbs lead back to the other models.
        return super().changelist_view(
            request, {**(extra_context or {}), "is_nav_sidebar_enabled": False})

    # --- Search ---

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        try:
            condition = search_condition(parse_query(search_term),
                                         prefix="search_document__")
        except QueryError as error:
            messages.error(request, str(error))
            return queryset.none(), False
        return (queryset.filter(condition) if condition is not None else queryset), False

    # --- Saving through the services ---

    def save_model(self, request, obj, form, change):
        data = {field: form.cleaned_data[field] for field in FACT_CONTENT_FIELDS
                if field in form.cleaned_data}
        reason = form.cleaned_data.get("edit_summary", "")
        if change:
            saved = services.fact_update(
                fact=obj, user=request.user, reason=reason,
                expected_version=form.cleaned_data.get("loaded_version"),
                topics=form.cleaned_data["topics"], entities=form.cleaned_data["entities"],
                **data)
        else:
            saved = services.fact_create(
                user=request.user, reason=reason, topics=form.cleaned_data["topics"],
                entities=form.cleaned_data["entities"], **data)
        obj.pk = saved.pk
        obj.refresh_from_db()
        for warning in check_numbers(text_ko=obj.text_ko, text_en=obj.text_en,
                                     quantity=obj.quantity_value).warnings():
            messages.warning(request, gettext("Number check: %(warning)s. If the editions "
                                              "disagree, record a discrepancy.")
                             % {"warning": warning})

    def save_related(self, request, form, formsets, change):
        # Topics and entities were saved by the service; citations go through theirs.
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        reason = form.cleaned_data.get("edit_summary", "")
        # What formset.save() would have recorded, for the admin's change message.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for citation_form in formset.forms:
            if not citation_form.has_changed() and citation_form not in formset.deleted_forms:
                continue
            instance = citation_form.instance
            if citation_form in formset.deleted_forms:
                if instance.pk:
                    services.citation_delete(citation=instance, user=request.user,
                                             reason=reason)
                    formset.deleted_objects.append(instance)
                continue
            fields = {name: citation_form.cleaned_data[name] for name in
                      ("quote", "quote_translation", "locator", "stance", "note",
                       "accessed_on")}
            source = citation_form.cleaned_data["source"]
            if instance.pk:
                saved = services.citation_update(
                    citation=Citation.objects.get(pk=instance.pk), user=request.user,
                    reason=reason, source=source, **fields)
                formset.changed_objects.append((saved, citation_form.changed_data))
            else:
                saved = services.citation_create(fact=form.instance, user=request.user,
                                                 reason=reason, source=source, **fields)
                formset.new_objects.append(saved)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with transaction.atomic():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceError as error:
            # A workflow rule or a write that raced another editor: nothing was saved.
            messages.error(request, error.message)
            return HttpResponseRedirect(request.get_full_path())

    def delete_model(self, request, obj):
        services.fact_delete(fact=obj, user=request.user)

    # --- Workflow actions (each for one fact or many) ---

    def _apply(self, request, queryset, service, **kwargs) -> None:
        done, refused = 0, []
        for fact in queryset:
            try:
                service(fact=fact, user=request.user, **kwargs)
                done += 1
            except ServiceError as error:
                refused.append(f"{Truncator(str(fact)).chars(40)}: {error.message}")
        if done:
            messages.success(request, gettext("%(count)d fact(s) updated.") % {"count": done})
        for message in refused:
            messages.error(request, message)

    def _with_form(self, request, queryset, form_class, title, service, **extra):
        if "apply" in request.POST:
            form = form_class(request.POST)
            if form.is_valid():
                self._apply(request, queryset, service, **form.cleaned_data, **extra)
                return None
        else:
            form = form_class()
        context = {
            **self.admin_site.each_context(request), "title": title, "form": form,
            "queryset": queryset, "opts": self.model._meta,
            "action": request.POST.get("action"),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/facts/fact/action_form.html", context)

    @admin.action(description=_("Send to review"), permissions=["change"])
    def send_to_review(self, request, queryset):
        self._apply(request, queryset, services.fact_submit_for_review)

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        return self._with_form(request, queryset, ReasonForm, gettext("Publish facts"),
                               services.fact_publish)

    @admin.action(description=_("Retract (reason required)"), permissions=["publish"])
    def retract(self, request, queryset):
        return self._with_form(request, queryset, ReasonForm, gettext("Retract facts"),
                               services.fact_retract)

    @admin.action(description=_("Supersede (pick the replacement)"), permissions=["publish"])
    def supersede(self, request, queryset):
        return self._with_form(request, queryset, SupersedeForm, gettext("Supersede facts"),
                               services.fact_supersede)

    @admin.action(description=_("Confirm translations"), permissions=["change"])
    def confirm_translations(self, request, queryset):
        for fact in queryset:
            for language in fact.stale_languages:
                services.fact_confirm_translation(fact=fact, language=language,
                                                  user=request.user)
        messages.success(request, gettext("Translations confirmed."))

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm("facts.publish_fact")

    def has_import_permission(self, request) -> bool:
        # An import creates new facts and changes existing ones.
        return (request.user.has_perm("facts.add_fact")
                and request.user.has_perm("facts.change_fact"))


@admin.register(Topic, Entity)
class NamedAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_ko", "name_en"]
    search_fields = ["slug", "name_ko", "name_en"]

    def save_model(self, request, obj, form, change):
        services.named_save(thing=obj)


class StatementInline(admin.TabularInline):
    model = DiscrepancyStatement
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Discrepancy)
class DiscrepancyAdmin(EditSummaryAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["slug", "aspect", "fact"]
    list_filter = ["aspect"]
    search_fields = ["slug", "note_ko", "note_en"]
    autocomplete_fields = ["fact"]
    inlines = [StatementInline]
