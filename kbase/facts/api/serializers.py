"""Fact representations.

Read serializers declare their fields (so the OpenAPI schema is exact) but build
the representation directly from prefetched objects: no serializer here runs a
query, and a page of 200 facts costs no more queries than a page of one.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, cast

import orjson
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from orjson import Fragment
from rest_framework import serializers

from kbase.core.models import DatePrecision, Language
from kbase.core.representation import decimal_text, iso, name_in, pick_language
from kbase.core.serializers import SlugReferenceField, StrictInputMixin
from kbase.sources.api.serializers import SourceBriefSerializer, source_brief
from kbase.sources.models import Source

from ..changes import SHAPES
from ..models import Citation, Discrepancy, Entity, Fact, TextOrigin, Topic
from ..numbers import check_numbers
from ..search import highlight

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from ..search import Ranked
    from ..selectors import ApiRepresentation

# `type: ignore[assignment]` below: fields named `source` or `fields`. DRF's
# serializer metaclass takes declared fields off the class, so they never replace
# Field.source or Serializer.fields; the stubs cannot know that.

# Keys a client may send back unchanged from a representation: accepted and
# ignored, never written (id, status, timestamps, authorship...).
READ_ONLY_KEYS = frozenset({
    "id", "url", "text", "language", "fallback", "status", "status_reason", "published_at",
    "superseded_by", "created_at", "updated_at", "created_by", "updated_by", "version",
    "possibly_stale", "supersedes", "discrepancies", "quantity_display", "public_id",
    "number_check", "supersession",
})


class QuantitySerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=20, decimal_places=4,
                                     min_value=-10**15, max_value=10**15,
                                     help_text=_("As a decimal string, e.g. \"38\" or \"1.5\"."))
    unit = serializers.ChoiceField(choices=Fact.Unit.choices)
    qualifier = serializers.ChoiceField(choices=Fact.Qualifier.choices,
                                        default=Fact.Qualifier.EXACT)


class NamedBriefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(help_text=_("In the served language, falling back to the other."))
    name_ko = serializers.CharField()
    name_en = serializers.CharField()


class EntityBriefSerializer(NamedBriefSerializer):
    kind = serializers.ChoiceField(choices=Entity.Kind.choices)


def named_brief(thing: Topic | Entity, language: str) -> dict[str, Any]:
    data = {"slug": thing.slug, "name": name_in(thing.name_ko, thing.name_en, language),
            "name_ko": thing.name_ko, "name_en": thing.name_en}
    if isinstance(thing, Entity):
        data["kind"] = thing.kind
    return data


class CitationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    source = SourceBriefSerializer(read_only=True)  # type: ignore[assignment]
    quote = serializers.CharField(help_text=_("Verbatim, in the edition's language."))
    quote_translation = serializers.CharField(allow_blank=True)
    locator = serializers.CharField(allow_blank=True)
    stance = serializers.ChoiceField(choices=Citation.Stance.choices)
    note = serializers.CharField(allow_blank=True)
    accessed_on = serializers.DateField(allow_null=True)

    def to_representation(self, citation: Citation) -> dict[str, Any]:
        language = self.context.get("language", "en")
        return citation_data(citation, language)


def citation_data(citation: Citation, language: str) -> dict[str, Any]:
    return {
        "id": citation.pk,
        "source": source_brief(citation.source, language),
        "quote": citation.quote,
        "quote_translation": citation.quote_translation,
        "locator": citation.locator,
        "stance": citation.stance,
        "note": citation.note,
        "accessed_on": iso(citation.accessed_on),
    }


class CitationWriteSerializer(serializers.Serializer):
    source = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Source.objects.only("id", "work_id"),
        help_text=_("The id of the source edition."))
    quote = serializers.CharField(max_length=10000, trim_whitespace=True)
    quote_translation = serializers.CharField(max_length=10000, allow_blank=True, default="")
    locator = serializers.CharField(max_length=200, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Citation.Stance.choices,
                                     default=Citation.Stance.SUPPORTS)
    note = serializers.CharField(max_length=2000, allow_blank=True, default="")
    accessed_on = serializers.DateField(allow_null=True, default=None)


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField(allow_null=True)
    end = serializers.DateField(allow_null=True)


class SupersessionSerializer(serializers.Serializer):
    earlier = serializers.ListField(child=serializers.UUIDField())
    later = serializers.ListField(child=serializers.UUIDField())


class NumberCheckSerializer(serializers.Serializer):
    consistent = serializers.BooleanField()
    korean = serializers.ListField(child=serializers.CharField())
    english = serializers.ListField(child=serializers.CharField())
    only_in_korean = serializers.ListField(child=serializers.CharField())
    only_in_english = serializers.ListField(child=serializers.CharField())
    quantity_in_text = serializers.BooleanField(allow_null=True)
    warnings = serializers.ListField(child=serializers.CharField())


class FactSerializer(serializers.Serializer):
    """A fact in both languages, plus `text` in the negotiated one."""

    id = serializers.UUIDField(help_text=_("The fact's stable public id."))
    url = serializers.CharField()
    text = serializers.CharField(help_text=_("The text in `language`."))
    language = serializers.ChoiceField(
        choices=Language.choices, help_text=_("The language actually served in `text`."))
    fallback = serializers.BooleanField(
        help_text=_("True when the requested language was missing and the other was served."))
    text_ko = serializers.CharField(allow_blank=True)
    text_en = serializers.CharField(allow_blank=True)
    text_ko_origin = serializers.ChoiceField(choices=TextOrigin.choices, allow_blank=True)
    text_en_origin = serializers.ChoiceField(choices=TextOrigin.choices, allow_blank=True)
    possibly_stale = serializers.ListField(
        child=serializers.ChoiceField(choices=Language.choices),
        help_text=_("Languages whose text changed less recently than the other language's "
                    "and has not been re-confirmed since."))
    quantity = QuantitySerializer(allow_null=True)
    as_of = serializers.DateField(allow_null=True)
    as_of_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    period = PeriodSerializer(allow_null=True)
    status = serializers.ChoiceField(choices=Fact.Status.choices)
    status_reason = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    superseded_by = serializers.UUIDField(allow_null=True)
    review_by = serializers.DateField(allow_null=True)
    topics = NamedBriefSerializer(many=True)
    entities = EntityBriefSerializer(many=True)
    citations = CitationSerializer(many=True)
    number_check = NumberCheckSerializer(
        help_text=_("Numbers read from both texts, compared with each other and with the "
                    "quantity. A warning, not an error: editions do disagree."))
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    supersession = SupersessionSerializer(
        required=False, help_text=_("On the fact detail only: the facts this one replaced "
                                    "(oldest first) and those that replaced it."))
    discrepancies = serializers.ListField(
        child=serializers.DictField(), required=False,
        help_text=_("On the fact detail only: where editions of a cited source disagree "
                    "about this fact (see /discrepancies/)."))

    def get_fields(self) -> dict[str, serializers.Field]:
        # `fields=` and `brief=true` leave keys out, so the schema promises none of them.
        # (Only the schema reads the fields: to_representation below builds the
        # data itself, and never pays for copying them.)
        fields = super().get_fields()
        for field in fields.values():
            field.required = False
        return fields

    # A Fragment is embedded as is by core.renderers.KbaseJSONRenderer; DRF's stubs
    # promise a dict.
    def to_representation(  # type: ignore[override]
            self, fact: Fact | dict) -> dict[str, Any] | Fragment:
        if isinstance(fact, dict):  # a row of selectors.fact_api_json_list: ready-made
            return Fragment(fact["json"])
        return fact_data(fact, self.context.get("language", "en"), self.context.get("fields"),
                         provenance=self.context.get("provenance", False))


class FactBriefSerializer(serializers.Serializer):
    """The brief representation, for embedding (`?brief=true`)."""

    id = serializers.UUIDField()
    url = serializers.CharField()
    text = serializers.CharField()
    language = serializers.ChoiceField(choices=Language.choices)
    fallback = serializers.BooleanField()
    status = serializers.ChoiceField(choices=Fact.Status.choices)

    def to_representation(self, fact: Fact) -> dict[str, Any]:
        return fact_brief(fact, self.context.get("language", "en"))


def fact_url(fact: Fact) -> str:
    return f"/api/v1/facts/{fact.public_id}/"


def fact_brief(fact: Fact, language: str) -> dict[str, Any]:
    text, served, fallback = pick_language(fact.text_ko, fact.text_en, language)
    return {"id": str(fact.public_id), "url": fact_url(fact), "text": text, "language": served,
            "fallback": fallback, "status": fact.status}


def fact_data(fact: Fact, language: str, fields: set[str] | None = None, *,
              provenance: bool = False) -> dict[str, Any]:
    """`provenance` adds the recorded discrepancies (the fact detail's view)."""
    text, served, fallback = pick_language(fact.text_ko, fact.text_en, language)
    quantity = None
    if fact.quantity_value is not None:
        quantity = {"value": decimal_text(fact.quantity_value), "unit": fact.quantity_unit,
                    "qualifier": fact.quantity_qualifier}
    period = None
    if fact.period_start or fact.period_end:
        period = {"start": iso(fact.period_start), "end": iso(fact.period_end)}
    data = {
        "id": str(fact.public_id),
        "url": fact_url(fact),
        "text": text,
        "language": served,
        "fallback": fallback,
        "text_ko": fact.text_ko,
        "text_en": fact.text_en,
        "text_ko_origin": fact.text_ko_origin,
        "text_en_origin": fact.text_en_origin,
        "possibly_stale": (fact.possibly_stale_sql if hasattr(fact, "possibly_stale_sql")
                           else fact.possibly_stale_languages),
        "quantity": quantity,
        "as_of": iso(fact.as_of),
        "as_of_precision": fact.as_of_precision,
        "period": period,
        "status": fact.status,
        "status_reason": fact.status_reason,
        "published_at": iso(fact.published_at),
        "superseded_by": _superseded_by(fact),
        "review_by": iso(fact.review_by),
        **_nested(fact, language),
        "version": fact.version,
        "created_at": iso(fact.created_at),
        "updated_at": iso(fact.updated_at),
    }
    if provenance:
        data["discrepancies"] = [discrepancy_data(item, language, with_fact=False)
                                 for item in fact.discrepancies.all()]
    if fields:
        data = {key: value for key, value in data.items() if key in fields}
    return data


def _nested(fact: Fact, language: str) -> dict[str, Any]:
    """Topics, entities, citations and the number check: embedded as the JSON that
    PostgreSQL built (selectors.with_api_representation), else built here from
    prefetched objects."""
    if hasattr(fact, "citations_json"):
        built = cast("WithAnnotations[Fact, ApiRepresentation]", fact)
        number_check = built.number_check_json
        return {
            "topics": Fragment(built.topics_json),
            "entities": Fragment(built.entities_json),
            "citations": Fragment(built.citations_json),
            # A fact indexed before number checks were stored has none yet.
            "number_check": Fragment(number_check) if number_check not in (None, "{}")
            else _number_check(fact),
        }
    return {
        "topics": [named_brief(topic, language) for topic in fact.topics.all()],
        "entities": [named_brief(entity, language) for entity in fact.entities.all()],
        "citations": [citation_data(citation, language) for citation in fact.citations.all()],
        "number_check": _number_check(fact),
    }


def _superseded_by(fact: Fact) -> str | None:
    if hasattr(fact, "superseded_by_public_id"):
        return fact.superseded_by_public_id
    if not fact.superseded_by_id:
        return None
    return str(cast(Fact, fact.superseded_by).public_id)  # the id says there is one


def _number_check(fact: Fact) -> dict[str, Any]:
    return check_numbers(text_ko=fact.text_ko, text_en=fact.text_en,
                         quantity=fact.quantity_value).as_dict()


class FactWriteSerializer(StrictInputMixin, serializers.Serializer):
    """What a client may write. Read-only keys of the representation are ignored;
    unknown keys are refused, so a typo never passes silently."""

    ignored_keys = READ_ONLY_KEYS

    text_ko = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    text_en = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    text_ko_origin = serializers.ChoiceField(choices=TextOrigin.choices, allow_blank=True,
                                             required=False)
    text_en_origin = serializers.ChoiceField(choices=TextOrigin.choices, allow_blank=True,
                                             required=False)
    quantity = QuantitySerializer(allow_null=True, required=False)
    as_of = serializers.DateField(allow_null=True, required=False)
    as_of_precision = serializers.ChoiceField(choices=DatePrecision.choices,
                                              required=False)
    period = PeriodSerializer(allow_null=True, required=False)
    review_by = serializers.DateField(allow_null=True, required=False)
    topics = SlugReferenceField(queryset=Topic.objects.all(), many=True, required=False)
    entities = SlugReferenceField(queryset=Entity.objects.all(), many=True, required=False)
    citations = CitationWriteSerializer(many=True, required=False, write_only=True,
                                        help_text=_("Only on create; afterwards use "
                                                    "/facts/{id}/citations/."))
    reason = serializers.CharField(max_length=2000, allow_blank=True, required=False,
                                   write_only=True,
                                   help_text=_("Why: kept in the fact's history."))

    def validate_quantity(self, quantity: dict | None) -> dict | None:
        # A quantity object replaces the whole quantity, even in a PATCH.
        if quantity is not None:
            missing = [key for key in ("value", "unit") if key not in quantity]
            if missing:
                raise serializers.ValidationError(
                    {key: [_("This field is required.")] for key in missing})
            quantity.setdefault("qualifier", Fact.Qualifier.EXACT)
        return quantity

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None and "citations" in attrs:
            raise serializers.ValidationError(
                {"citations": [_("Change citations through /facts/{id}/citations/.")]})
        return attrs

    @staticmethod
    def service_fields(attrs: dict[str, Any]) -> dict[str, Any]:
        """Serializer values -> keyword arguments of the fact services."""
        fields = {key: value for key, value in attrs.items()
                  if key not in {"quantity", "period", "citations", "reason"}}
        if "quantity" in attrs:
            quantity = attrs["quantity"]
            fields["quantity_value"] = quantity["value"] if quantity else None
            fields["quantity_unit"] = quantity["unit"] if quantity else ""
            fields["quantity_qualifier"] = quantity["qualifier"] if quantity else ""
        if "period" in attrs:
            period = attrs["period"] or {}
            fields["period_start"] = period.get("start")
            fields["period_end"] = period.get("end")
        return fields


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text=_("Why: kept in the history."))


class OptionalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True,
                                   help_text=_("Why: kept in the history."))


class FactIdField(serializers.SlugRelatedField):
    """A fact named by its public id; a malformed id is a field error, not a 500."""

    def __init__(self, **kwargs: Any):
        super().__init__(slug_field="public_id", queryset=Fact.objects.all(), **kwargs)

    def to_internal_value(self, data: Any) -> Fact:
        try:
            uuid.UUID(str(data))
        except ValueError:
            self.fail("invalid")
        return super().to_internal_value(data)


class SupersedeSerializer(ReasonSerializer):
    replacement = FactIdField(help_text=_("The public id of the fact that replaces this one."))


class TopicSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(help_text=_("In the served language, falling back to the other."))
    name_ko = serializers.CharField(allow_blank=True)
    name_en = serializers.CharField(allow_blank=True)
    aliases_ko = serializers.ListField(child=serializers.CharField())
    aliases_en = serializers.ListField(child=serializers.CharField())

    def to_representation(self, thing: Topic | Entity) -> dict[str, Any]:
        data = named_brief(thing, self.context.get("language", "en"))
        data.update(aliases_ko=list(thing.aliases_ko), aliases_en=list(thing.aliases_en))
        return data


class EntitySerializer(TopicSerializer):
    kind = serializers.ChoiceField(choices=Entity.Kind.choices)


class StatementSerializer(serializers.Serializer):
    source = SourceBriefSerializer()  # type: ignore[assignment]
    says = serializers.CharField(help_text=_("What this edition says, in its own words."))


class DiscrepancySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    fact = FactBriefSerializer()
    aspect = serializers.ChoiceField(choices=Discrepancy.Aspect.choices)
    note = serializers.CharField(help_text=_("The editor's note in the served language."))
    note_ko = serializers.CharField(allow_blank=True)
    note_en = serializers.CharField(allow_blank=True)
    statements = StatementSerializer(many=True)
    created_at = serializers.DateTimeField()

    def to_representation(self, discrepancy: Discrepancy) -> dict[str, Any]:
        return discrepancy_data(discrepancy, self.context.get("language", "en"))


def discrepancy_data(discrepancy: Discrepancy, language: str,
                     *, with_fact: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": discrepancy.slug,
        "aspect": discrepancy.aspect,
        "note": name_in(discrepancy.note_ko, discrepancy.note_en, language),
        "note_ko": discrepancy.note_ko,
        "note_en": discrepancy.note_en,
        "statements": [{"source": source_brief(statement.source, language),
                        "says": statement.says}
                       for statement in discrepancy.statements.all()],
        "created_at": iso(discrepancy.created_at),
    }
    if with_fact:
        data["fact"] = fact_brief(discrepancy.fact, language)
    return data


class SearchResultSerializer(FactSerializer):
    """A fact found by search: its representation, its rank, and `highlight`: the
    served text, HTML-escaped, with the matching words in <mark>."""

    rank = serializers.FloatField(help_text=_("Higher is better (ts_rank_cd, both languages)."))
    highlight = serializers.CharField()

    # A Fragment, as FactSerializer's.
    def to_representation(  # type: ignore[override]
            self, fact: Fact | dict) -> dict[str, Any] | Fragment:
        language = self.context.get("language", "en")
        if isinstance(fact, dict):  # a row of search.fact_search_json: ready-made
            served = pick_language(fact["text_ko"], fact["text_en"], language)[1]
            return _joined(fact["json"], {
                "highlight": highlight(served=served, query=self.context["query"],
                                       text_ko=fact["text_ko"],
                                       words_ko=fact["highlight_words_ko"],
                                       headline_en=fact["headline_en"]),
                "rank": round(float(fact["rank"]), 6)})
        ranked = cast("WithAnnotations[Fact, Ranked]", fact)  # by search.fact_search
        data = fact_data(ranked, language, None)
        data["highlight"] = highlight(served=data["language"], query=self.context["query"],
                                      text_ko=ranked.text_ko,
                                      words_ko=ranked.highlight_words_ko,
                                      headline_en=ranked.headline_en)
        data["rank"] = round(float(ranked.rank), 6)
        fields = self.context.get("fields")
        return {key: value for key, value in data.items() if key in fields} if fields else data


def _joined(json_object: str, extra: dict[str, Any]) -> Fragment:
    """The JSON object text PostgreSQL built, with `extra`'s keys added at its end."""
    return Fragment(json_object[:-1] + "," + orjson.dumps(extra)[1:].decode())


class ChangeObjectSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=[shape.type for shape in SHAPES.values()])
    id = serializers.CharField(help_text=_(
        "The object as the API names it: a fact's public id, a citation's or a source's "
        "id, a discrepancy's slug."))
    fact_id = serializers.UUIDField(allow_null=True, help_text=_(
        "The public id of the fact concerned; null for a source."))


class FieldChangeSerializer(serializers.Serializer):
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


# The public fields of each type, from the one declaration (changes.SHAPES).
_CHANGE_FIELDS_HELP = format_lazy(
    "{} {}", _("The public fields changed, with old and new values (on an insert, and on "
               "the publication of a fact shown to anonymous clients, every one, old null):"),
    " ".join(f"{shape.type}: {', '.join(shape.fields)}." for shape in SHAPES.values()))


class ChangeSerializer(serializers.Serializer):
    """One recorded change (built by kbase.facts.changes.change_data)."""

    id = serializers.CharField(help_text=_("Opaque and unique; the same on every read."))
    object = ChangeObjectSerializer()
    action = serializers.ChoiceField(choices=["insert", "update", "delete"])
    fields = serializers.DictField(  # type: ignore[assignment]
        child=FieldChangeSerializer(), help_text=_CHANGE_FIELDS_HELP)
    who = serializers.CharField(allow_null=True, required=False, help_text=_(
        "The author's username: shown only to readers who may see unpublished facts."))
    when = serializers.DateTimeField()
    why = serializers.CharField(allow_blank=True)


class ChangePageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next = serializers.URLField(help_text=_("Follow to continue; poll it when empty."))
    horizon = serializers.DateTimeField(
        help_text=_("Changes before this instant are final and have all been served."))
