"""Facts, what they are about (topics, entities), what they rest on (citations),
and where two editions of their source disagree (discrepancies)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, TypedDict

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from pgvector.django import HalfVectorField, HnswIndex

from kbase.core.embeddings import EMBEDDING_DIMENSIONS
from kbase.core.models import DatePrecision, Language, SearchDocument, TimeStampedModel
from kbase.core.prepared import SQLTemplate
from kbase.core.text import text_validators, validate_no_control_characters
from kbase.sources.models import Source

from .representation_sql import POSSIBLY_STALE_SQL

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

FACT_TEXT_MAX = 5000
QUOTE_MAX = 10000
NAME_MAX = 300
# Quantities up to a quadrillion with four decimals: enough for KRW national
# budgets, and a clear refusal for absurd numbers.
QUANTITY_LIMIT = 10**15


class TextOrigin(models.TextChoices):
    SOURCE = "source", _("source wording")
    TRANSLATION = "translation", _("editorial translation")


def _names_constraint(model: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~Q(name_ko="") | ~Q(name_en=""), name=f"{model}_has_a_name",
        violation_error_message=_("A Korean or an English name is required."),
    )


class NamedThing(TimeStampedModel):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=NAME_MAX, blank=True,
                               validators=[validate_no_control_characters])
    name_en = models.CharField(_("name (English)"), max_length=NAME_MAX, blank=True,
                               validators=[validate_no_control_characters])
    aliases_ko = ArrayField(models.CharField(max_length=NAME_MAX), default=list, blank=True,
                            verbose_name=_("aliases (Korean)"))
    aliases_en = ArrayField(models.CharField(max_length=NAME_MAX), default=list, blank=True,
                            verbose_name=_("aliases (English)"))

    class Meta:
        abstract = True
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name_en or self.name_ko


class Topic(NamedThing):
    class Meta(NamedThing.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [_names_constraint("topic")]


class Entity(NamedThing):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        ORGANISATION = "organisation", _("organisation")
        PERSON = "person", _("person")
        PROGRAMME = "programme", _("programme")
        PLACE = "place", _("place")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)

    class Meta(NamedThing.Meta):
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        constraints = [_names_constraint("entity")]


class StaleLanguages(TypedDict):
    """What FactQuerySet.with_stale_languages() annotates a fact with."""

    stale_languages: list[str]


class FactQuerySet(models.QuerySet):
    def published(self) -> FactQuerySet:
        return self.filter(status=Fact.Status.PUBLISHED)

    def with_stale_languages(self) -> FactQuerySet:
        """Annotated with `stale_languages`: the languages whose text changed less
        recently than the other's and was not confirmed since (the fact's
        `possibly_stale`, by the representation's own SQL)."""
        return self.annotate(stale_languages=SQLTemplate(
            POSSIBLY_STALE_SQL, output_field=ArrayField(models.CharField())))


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Fact(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        PUBLISHED = "published", _("published")
        RETRACTED = "retracted", _("retracted")
        SUPERSEDED = "superseded", _("superseded")

    class Unit(models.TextChoices):
        PERSONS = "persons", _("persons")
        PERCENT = "percent", _("percent")
        COMPANIES = "companies", _("companies")
        KRW = "krw", _("Korean won")
        USD = "usd", _("US dollars")
        COUNT = "count", _("count")
        RANK = "rank", _("rank")
        YEARS = "years", _("years")
        OTHER = "other", _("other")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        APPROXIMATELY = "approximately", _("approximately")
        MORE_THAN = "more_than", _("more than")
        LESS_THAN = "less_than", _("less than")
        AT_LEAST = "at_least", _("at least")
        AT_MOST = "at_most", _("at most")

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    text_ko = models.TextField(_("text (Korean)"), blank=True, max_length=FACT_TEXT_MAX,
                               validators=text_validators(FACT_TEXT_MAX))
    text_en = models.TextField(_("text (English)"), blank=True, max_length=FACT_TEXT_MAX,
                               validators=text_validators(FACT_TEXT_MAX))
    text_ko_origin = models.CharField(_("origin of the Korean text"), max_length=16,
                                      choices=TextOrigin.choices, blank=True)
    text_en_origin = models.CharField(_("origin of the English text"), max_length=16,
                                      choices=TextOrigin.choices, blank=True)
    # When each language's text last changed, and when an editor last confirmed
    # it against the other language: a translation older than its counterpart
    # is possibly stale.
    text_ko_changed_at = models.DateTimeField(_("Korean text changed at"), null=True, blank=True)
    text_en_changed_at = models.DateTimeField(_("English text changed at"), null=True, blank=True)
    text_ko_reviewed_at = models.DateTimeField(_("Korean text confirmed at"), null=True,
                                               blank=True)
    text_en_reviewed_at = models.DateTimeField(_("English text confirmed at"), null=True,
                                               blank=True)

    quantity_value = models.DecimalField(
        _("quantity"), max_digits=20, decimal_places=4, null=True, blank=True,
        validators=[MinValueValidator(-QUANTITY_LIMIT), MaxValueValidator(QUANTITY_LIMIT)])
    quantity_unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices,
                                     blank=True)
    quantity_qualifier = models.CharField(_("qualifier"), max_length=16,
                                          choices=Qualifier.choices, blank=True)

    as_of = models.DateField(_("as of"), null=True, blank=True,
                             help_text=_("The date the fact holds for."))
    as_of_precision = models.CharField(_("precision of the as-of date"), max_length=8,
                                       choices=DatePrecision.choices,
                                       default=DatePrecision.UNKNOWN)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes",
        verbose_name=_("superseded by"))
    status_reason = models.TextField(_("reason for the last status change"), blank=True,
                                     max_length=2000,
                                     validators=text_validators(2000))
    review_by = models.DateField(_("review by"), null=True, blank=True)

    topics = models.ManyToManyField(Topic, blank=True, related_name="facts",
                                    verbose_name=_("topics"))
    entities = models.ManyToManyField(Entity, blank=True, related_name="facts",
                                      verbose_name=_("entities"))

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("updated by"))
    # Bumped by every write through the services: the basis of ETags and of
    # the conflict check when two editors save the same fact.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = FactQuerySet.as_manager()
    if TYPE_CHECKING:
        # This fact's history: rows of the event model pghistory.track builds at run
        # time, which the type checker cannot see.
        events: RelatedManager[Any]

    class Meta:
        verbose_name = _("fact")
        verbose_name_plural = _("facts")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("publish_fact", _("Can publish, retract and supersede facts")),
        ]
        triggers = [
            # The search document's copy of the status follows every change of it,
            # by whatever path (services, admin, imports, a bare UPDATE).
            pgtrigger.Trigger(
                name="status_to_search_document", when=pgtrigger.After,
                operation=pgtrigger.UpdateOf("status"),
                condition=pgtrigger.Condition("OLD.status IS DISTINCT FROM NEW.status"),
                func="UPDATE facts_factsearchdocument SET status = NEW.status "
                     "WHERE fact_id = NEW.id; RETURN NULL;"),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"]),
            models.Index(fields=["as_of"]),
            models.Index(fields=["review_by"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text_ko="") | ~Q(text_en=""), name="fact_has_text",
                violation_error_message=_("A fact needs a Korean or an English text."),
            ),
            models.CheckConstraint(
                condition=(Q(quantity_value__isnull=True) & Q(quantity_unit="")
                           & Q(quantity_qualifier=""))
                | (Q(quantity_value__isnull=False) & ~Q(quantity_unit="")
                   & ~Q(quantity_qualifier="")),
                name="fact_quantity_complete",
                violation_error_message=_("A quantity needs a value, a unit and a qualifier "
                                          "together."),
            ),
            models.CheckConstraint(
                condition=Q(status="superseded", superseded_by__isnull=False)
                | (~Q(status="superseded") & Q(superseded_by__isnull=True)),
                name="fact_superseded_has_replacement",
                violation_error_message=_("A superseded fact names its replacement, and only "
                                          "a superseded fact does."),
            ),
            models.CheckConstraint(
                condition=~Q(superseded_by=F("id")), name="fact_not_superseded_by_itself",
                violation_error_message=_("A fact cannot supersede itself."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="fact_period_in_order",
                violation_error_message=_("The period must not end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(as_of__isnull=False) | Q(as_of_precision="unknown"),
                name="fact_as_of_precision_needs_a_date",
                violation_error_message=_("An as-of precision other than 'unknown' needs a "
                                          "date."),
            ),
        ]

    def __str__(self) -> str:
        text = self.text_en or self.text_ko
        return text if len(text) <= 80 else text[:79] + "…"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Citation(TimeStampedModel):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("supports")
        CONTRADICTS = "contradicts", _("contradicts")
        CONTEXT = "context", _("context")

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="citations",
                             verbose_name=_("fact"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations",
                               verbose_name=_("source"))
    quote = models.TextField(_("quote"), max_length=QUOTE_MAX,
                             validators=text_validators(QUOTE_MAX),
                             help_text=_("Verbatim, in the edition's language."))
    quote_translation = models.TextField(_("translation of the quote"), blank=True,
                                         max_length=QUOTE_MAX,
                                         validators=text_validators(QUOTE_MAX))
    locator = models.CharField(_("locator"), max_length=200, blank=True,
                               validators=[validate_no_control_characters],
                               help_text=_("Paragraph number or broadcast time."))
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices,
                              default=Stance.SUPPORTS)
    note = models.TextField(_("note"), blank=True, max_length=2000,
                            validators=text_validators(2000))
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["fact_id", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(quote=""), name="citation_has_quote",
                                   violation_error_message=_("A citation needs a quote.")),
            models.UniqueConstraint(fields=["fact", "source", "quote"],
                                    name="citation_unique_quote_per_fact_and_source",
                                    violation_error_message=_(
                                        "This fact already cites this quote from this source.")),
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.quote[:60]}"


@pghistory.track(pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent())
class Discrepancy(TimeStampedModel):
    """Two editions of one work disagree about a fact; kept, not flattened."""

    class Aspect(models.TextChoices):
        NUMBER = "number", _("number")
        DATE = "date", _("date")
        PLACE = "place", _("place")
        WORDING = "wording", _("wording")
        OMISSION = "omission", _("present in one edition only")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="discrepancies",
                             verbose_name=_("fact"))
    aspect = models.CharField(_("aspect"), max_length=16, choices=Aspect.choices)
    note_ko = models.TextField(_("editor's note (Korean)"), blank=True, max_length=4000,
                               validators=text_validators(4000))
    note_en = models.TextField(_("editor's note (English)"), blank=True, max_length=4000,
                               validators=text_validators(4000))

    class Meta:
        verbose_name = _("discrepancy")
        verbose_name_plural = _("discrepancies")
        ordering = ["fact_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.fact}"


class DiscrepancyStatement(models.Model):
    """What one edition says, in its own words."""

    discrepancy = models.ForeignKey(Discrepancy, on_delete=models.CASCADE,
                                    related_name="statements", verbose_name=_("discrepancy"))
    source = models.ForeignKey(Source, on_delete=models.PROTECT,
                               related_name="discrepancy_statements",
                               verbose_name=_("edition"))
    says = models.TextField(_("says"), max_length=QUOTE_MAX,
                            validators=text_validators(QUOTE_MAX))

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["discrepancy_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["discrepancy", "source"],
                                    name="discrepancy_one_statement_per_edition"),
            models.CheckConstraint(condition=~Q(says=""), name="statement_has_text"),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.says[:60]}"


class FactSearchDocument(SearchDocument):
    """Fact text (weight A), citation quotes (B), topic and entity names and aliases
    (C) and source titles (D), in both languages."""

    fact = models.OneToOneField(Fact, on_delete=models.CASCADE, primary_key=True,
                                related_name="search_document")
    # The fact's creation time, copied with the document (it never changes), so a
    # search walks the documents newest first through one index, testing each one's
    # vectors, instead of joining every fact it passes: for a word a few percent of
    # the facts hold, three to four times quicker at a million facts.
    created_at = models.DateTimeField()
    # The fact's status, copied the same way, so the walk tests what a reader may see
    # on the document too and looks up no fact: a third of its time at a million
    # facts. Written only by PostgreSQL (the triggers: the fact's own when the
    # document is written, and every change of it), so no write path can let the
    # copy go stale.
    status = models.CharField(max_length=16, choices=Fact.Status.choices, editable=False)

    class Meta:
        indexes = [GinIndex(fields=["search_ko"], name="fact_search_ko_gin"),
                   GinIndex(fields=["search_en"], name="fact_search_en_gin"),
                   models.Index(fields=["-created_at", "-fact"], name="fact_search_newest")]
        triggers = [
            # Read from the fact as the row is written (each call takes a fresh
            # snapshot): a document rebuilt while another transaction changes the
            # fact's status waits for it and then reads the status it ends with.
            pgtrigger.Trigger(
                name="status_from_fact", when=pgtrigger.Before,
                operation=pgtrigger.Insert | pgtrigger.Update,
                func="NEW.status := (SELECT status FROM facts_fact WHERE id = NEW.fact_id); "
                     "RETURN NEW;"),
        ]


class FactAnalysis(models.Model):
    """What analysing a fact's texts gives its reads, computed when the fact or its
    citations are written (kbase.facts.indexing) and served ready-made: its number
    check, and where each Korean token of its Korean text is, for highlights.

    Beside the search document, not in it: a search walks every document it passes,
    and these two made each of its rows twice as wide; at a million facts the walk
    for a word a few percent of the facts hold took four times as long."""

    fact = models.OneToOneField(Fact, on_delete=models.CASCADE, primary_key=True,
                                related_name="analysis")
    # kbase.facts.numbers.check_numbers() of the texts and the quantity.
    number_check = models.JSONField(default=dict)
    # search.korean_highlight_words() of the Korean text.
    highlight_words_ko = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"analysis of fact {self.fact_id}"


class FactEmbedding(models.Model):
    """One language's text of a fact as a sentence embedding (kbase.core.embeddings),
    for claim matching (kbase.facts.matching). Written after the fact's transaction
    commits (kbase.facts.embeddings); `digest` is the SHA-256 of the text it embeds
    and `model` the embedder's name, so a row whose fact's text or the configured
    model changed since is known stale (`manage.py embed_facts` rebuilds those)."""

    fact = models.ForeignKey(Fact, on_delete=models.CASCADE, related_name="embeddings")
    language = models.CharField(max_length=2, choices=Language.choices)
    model = models.CharField(max_length=100)
    digest = models.BinaryField(max_length=32)
    embedding = HalfVectorField(dimensions=EMBEDDING_DIMENSIONS)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fact", "language"],
                                               name="fact_embedding_one_per_language")]
        indexes = [HnswIndex(name="fact_embedding_hnsw", fields=["embedding"],
                             opclasses=["halfvec_cosine_ops"], m=16, ef_construction=64)]

    def __str__(self) -> str:
        return f"{self.language} embedding of fact {self.fact_id}"
