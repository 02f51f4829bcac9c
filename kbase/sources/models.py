"""Where facts come from: publishers, works, and the editions (sources) of a work."""

from __future__ import annotations

import pghistory
import pgtrigger
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kbase.core.models import DatePrecision, Language, SearchDocument, TimeStampedModel
from kbase.core.text import text_validators, validate_no_control_characters
from kbase.sources.representation_sql import (
    PUBLISHER_BRIEF_COLUMNS,
    SOURCE_BRIEF_COLUMNS,
    refresh_briefs_sql,
)

NAME_MAX = 300
TITLE_MAX = 500
URL_MAX = 2048


class Publisher(TimeStampedModel):
    class Kind(models.TextChoices):
        BROADCASTER = "broadcaster", _("broadcaster")
        NEWSPAPER = "newspaper", _("newspaper")
        GOVERNMENT = "government", _("government")
        RESEARCH_INSTITUTE = "research_institute", _("research institute")
        UNIVERSITY = "university", _("university")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=NAME_MAX, blank=True,
                               validators=[validate_no_control_characters])
    name_en = models.CharField(_("name (English)"), max_length=NAME_MAX, blank=True,
                               validators=[validate_no_control_characters])
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    homepage = models.URLField(_("homepage"), max_length=URL_MAX, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True,
                               help_text=_("ISO 3166-1 alpha-2 code, e.g. KR."))

    class Meta:
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_ko="") | ~Q(name_en=""), name="publisher_has_a_name",
                violation_error_message=_("A publisher needs a Korean or an English name."),
            ),
        ]
        triggers = [
            # Its sources' stored briefs name it (SourceBrief): rewritten when what
            # they show of it changes, not on every save (a save writes every column).
            pgtrigger.Trigger(
                name="source_briefs", when=pgtrigger.After,
                operation=pgtrigger.UpdateOf(*PUBLISHER_BRIEF_COLUMNS),
                condition=pgtrigger.Condition(" OR ".join(
                    f"OLD.{column} IS DISTINCT FROM NEW.{column}"
                    for column in PUBLISHER_BRIEF_COLUMNS)),
                func=refresh_briefs_sql("s.publisher_id = NEW.id") + "; RETURN NULL;"),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_ko


class Work(TimeStampedModel):
    """One story or document; its editions (the Korean original, the English
    translation) are Sources pointing here."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.slug


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Source(TimeStampedModel):
    """One edition of a work, in one language."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        EDITORIAL = "editorial", _("editorial")
        BROADCAST_TRANSCRIPT = "broadcast_transcript", _("broadcast transcript")
        REPORT = "report", _("report")
        DATASET = "dataset", _("dataset")
        STATEMENT = "statement", _("statement")

    class EditionKind(models.TextChoices):
        ORIGINAL = "original", _("original")
        TRANSLATION = "translation", _("translation")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    publisher = models.ForeignKey(Publisher, on_delete=models.PROTECT, related_name="sources",
                                  verbose_name=_("publisher"))
    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="editions",
                             verbose_name=_("work"))
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    edition_kind = models.CharField(_("edition"), max_length=16, choices=EditionKind.choices,
                                    default=EditionKind.ORIGINAL)
    title_ko = models.CharField(_("title (Korean)"), max_length=TITLE_MAX, blank=True,
                                validators=[validate_no_control_characters])
    title_en = models.CharField(_("title (English)"), max_length=TITLE_MAX, blank=True,
                                validators=[validate_no_control_characters])
    authors = models.JSONField(
        _("authors"), default=list, blank=True,
        help_text=_('A list of {"name_ko", "name_en", "role"} objects.'))
    program = models.CharField(_("program or section"), max_length=NAME_MAX, blank=True,
                               validators=[validate_no_control_characters])
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_precision = models.CharField(
        _("precision of the publication date"), max_length=8, choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN)
    published_note = models.TextField(
        _("how the date was established"), blank=True, max_length=2000,
        validators=text_validators(2000))
    url = models.URLField(_("URL as given"), max_length=URL_MAX, blank=True)
    normalized_url = models.CharField(
        _("normalised URL"), max_length=URL_MAX, null=True, blank=True, unique=True,
        editable=False,
        help_text=_("The key every variant of the URL maps to; unique across sources."))
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)
    archived_text = models.TextField(
        _("archived text"), blank=True, max_length=1_000_000,
        validators=text_validators(1_000_000),
        help_text=_("The edition's full text, kept so quotes can be checked if the page "
                    "disappears."))

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-published_on", "slug"]
        indexes = [models.Index(fields=["language"]), models.Index(fields=["published_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_ko="") | ~Q(title_en=""), name="source_has_a_title",
                violation_error_message=_("A source needs a Korean or an English title."),
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=False) | Q(published_precision="unknown"),
                name="source_date_precision_needs_a_date",
                violation_error_message=_("A publication date precision other than 'unknown' "
                                          "needs a publication date."),
            ),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="brief", when=pgtrigger.After,
                operation=pgtrigger.Insert | pgtrigger.UpdateOf(*SOURCE_BRIEF_COLUMNS),
                func=refresh_briefs_sql("s.id = NEW.id") + "; RETURN NULL;"),
        ]

    def __str__(self) -> str:
        title = self.title_en if self.language == Language.ENGLISH else self.title_ko
        return f"{title or self.title_en or self.title_ko} [{self.language}]"

    @property
    def title(self) -> str:
        return self.title_ko if self.language == Language.KOREAN else self.title_en


class StoredJSON(models.TextField):
    """A json column (not jsonb, which reorders an object's keys): JSON text kept as
    PostgreSQL built it, which its JSON functions embed as it is."""

    def db_type(self, connection) -> str:
        return "json"


class SourceBrief(models.Model):
    """A source as a citation shows it (its brief) in each served language, built
    by PostgreSQL whenever the source or its publisher is written: triggers on both
    tables, so no write path (services, admin, imports, a bare UPDATE) leaves it
    stale. A fact's JSON reads it ready-made, where building it from the source and
    its publisher on every read was a fifth of a fact's JSON."""

    source = models.OneToOneField(Source, on_delete=models.CASCADE, primary_key=True,
                                  related_name="brief")
    brief_ko = StoredJSON(editable=False)
    brief_en = StoredJSON(editable=False)

    class Meta:
        verbose_name = _("source brief")
        verbose_name_plural = _("source briefs")

    def __str__(self) -> str:
        return f"brief of source {self.source_id}"


class SourceSearchDocument(SearchDocument):
    """A source's titles (A), program (B) and publisher names (C), in both languages."""

    source = models.OneToOneField(Source, on_delete=models.CASCADE, primary_key=True,
                                  related_name="search_document")

    class Meta:
        indexes = [GinIndex(fields=["search_ko"], name="source_search_ko_gin"),
                   GinIndex(fields=["search_en"], name="source_search_en_gin")]
