"""Fact representations.

PostgreSQL builds every representation of a fact, a citation and a discrepancy
(kbase.facts.representation_sql); the read serializers here embed its JSON as it is
and declare their fields for the OpenAPI schema only. The fact's fields are made
from the same table of keys that builds its JSON, so the two cannot differ.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

import orjson
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from orjson import Fragment
from rest_framework import serializers

from kbase.core.models import DatePrecision, Language
from kbase.core.representation import pick_language
from kbase.core.serializers import SlugReferenceField, StrictInputMixin
from kbase.sources.api.serializers import SourceBriefSerializer
from kbase.sources.models import Source

from ..changes import SHAPES
from ..models import Citation, Discrepancy, Entity, Fact, TextOrigin, Topic
from ..representation_sql import Key, Part, fact_keys
from ..search import highlight

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


class CitationSerializer(serializers.Serializer):
    """A citation as PostgreSQL built it (selectors.citation_rows)."""

    id = serializers.IntegerField(read_only=True)
    source = SourceBriefSerializer(read_only=True)  # type: ignore[assignment]
    quote = serializers.CharField(help_text=_("Verbatim, in the edition's language."))
    quote_translation = serializers.CharField(allow_blank=True)
    locator = serializers.CharField(allow_blank=True)
    stance = serializers.ChoiceField(choices=Citation.Stance.choices)
    note = serializers.CharField(allow_blank=True)
    accessed_on = serializers.DateField(allow_null=True)

    def to_representation(self, row: dict) -> Fragment:  # type: ignore[override]
        return Fragment(row["json"])


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


class StatementSerializer(serializers.Serializer):
    source = SourceBriefSerializer()  # type: ignore[assignment]
    says = serializers.CharField(help_text=_("What this edition says, in its own words."))


class FactDiscrepancySerializer(serializers.Serializer):
    """A discrepancy as its fact's page shows it."""

    slug = serializers.SlugField()
    aspect = serializers.ChoiceField(choices=Discrepancy.Aspect.choices)
    note = serializers.CharField(help_text=_("The editor's note in the served language."))
    note_ko = serializers.CharField(allow_blank=True)
    note_en = serializers.CharField(allow_blank=True)
    statements = StatementSerializer(many=True)
    created_at = serializers.DateTimeField()


class FactRowSerializer(serializers.Serializer):
    """A fact as PostgreSQL built it (a row whose `json` holds its representation:
    kbase.facts.representation_sql), embedded in the response as it is. The
    declared fields are for the schema only: fact_serializer() makes them from the
    same table of keys that builds the JSON."""

    # A Fragment is embedded as is by core.renderers.KbaseJSONRenderer; DRF's stubs
    # promise a dict.
    def to_representation(self, row: dict) -> Fragment:  # type: ignore[override]
        return Fragment(row["json"])


# How the schema documents each kind of value in FACT_KEYS (`kind`, without its
# trailing `?`).
KINDS: dict[str, Callable[..., serializers.Field]] = {
    "uuid": serializers.UUIDField,
    "string": serializers.CharField,
    "text": partial(serializers.CharField, allow_blank=True),
    "boolean": serializers.BooleanField,
    "integer": serializers.IntegerField,
    "date": serializers.DateField,
    "datetime": serializers.DateTimeField,
    "language": partial(serializers.ChoiceField, choices=Language.choices),
    "languages": lambda **options: serializers.ListField(
        child=serializers.ChoiceField(choices=Language.choices), **options),
    "text_origin": partial(serializers.ChoiceField, choices=TextOrigin.choices,
                           allow_blank=True),
    "date_precision": partial(serializers.ChoiceField, choices=DatePrecision.choices),
    "status": partial(serializers.ChoiceField, choices=Fact.Status.choices),
    "quantity": QuantitySerializer,
    "period": PeriodSerializer,
    "topics": partial(NamedBriefSerializer, many=True),
    "entities": partial(EntityBriefSerializer, many=True),
    "citations": partial(CitationSerializer, many=True),
    "number_check": NumberCheckSerializer,
    "discrepancies": partial(FactDiscrepancySerializer, many=True),
    "supersession": SupersessionSerializer,
}


def schema_field(key: Key) -> serializers.Field:
    options: dict[str, Any] = {"help_text": key.help} if key.help else {}
    if key.kind.endswith("?"):
        options["allow_null"] = True
    return KINDS[key.kind.rstrip("?")](**options)


def fact_serializer(name: str, part: Part, doc: str) -> type[FactRowSerializer]:
    """A serializer (and schema component, `name` without "Serializer") declaring
    every key of `part`, each required: a representation always holds them all,
    unless `fields=` names fewer (the parameter's description says so)."""
    fields = {key.name: schema_field(key) for key in fact_keys(part)}
    return type(name, (FactRowSerializer,), {**fields, "__doc__": doc,
                                              "__module__": __name__})


FactBriefSerializer = fact_serializer(
    "FactBriefSerializer", Part.BRIEF, "The brief representation, for embedding "
    "(`?brief=true`).")
FactSerializer = fact_serializer(
    "FactSerializer", Part.WHOLE, "A fact in both languages, plus `text` in the "
    "negotiated one.")
FactPageSerializer = fact_serializer(
    "FactPageSerializer", Part.PAGE, "A fact as its own page shows it: the whole "
    "representation, with its discrepancies and supersession chain.")


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


# A topic as PostgreSQL built it (selectors.topic_rows).
class TopicSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(help_text=_("In the served language, falling back to the other."))
    name_ko = serializers.CharField(allow_blank=True)
    name_en = serializers.CharField(allow_blank=True)
    aliases_ko = serializers.ListField(child=serializers.CharField())
    aliases_en = serializers.ListField(child=serializers.CharField())

    def to_representation(self, row: dict) -> Fragment:  # type: ignore[override]
        return Fragment(row["json"])


# An entity as PostgreSQL built it (selectors.entity_rows).
class EntitySerializer(TopicSerializer):
    kind = serializers.ChoiceField(choices=Entity.Kind.choices)


class DiscrepancySerializer(FactDiscrepancySerializer):
    """A discrepancy as PostgreSQL built it (selectors.discrepancy_rows), with its fact."""

    fact = FactBriefSerializer()

    def to_representation(self, row: dict) -> Fragment:  # type: ignore[override]
        return Fragment(row["json"])


class SearchResultSerializer(FactSerializer):  # type: ignore[valid-type,misc]
    """A fact found by search: its representation, its rank, and `highlight`: the
    served text, HTML-escaped, with the matching words in <mark>."""

    rank = serializers.FloatField(help_text=_("Higher is better (ts_rank_cd, both languages)."))
    highlight = serializers.CharField()

    def to_representation(self, row: dict) -> Fragment:  # type: ignore[override]
        """`row`: one of search.fact_search_rows()."""
        served = pick_language(row["text_ko"], row["text_en"],
                               self.context.get("language", "en"))[1]
        extra = {"highlight": highlight(served=served, query=self.context["query"],
                                        text_ko=row["text_ko"],
                                        words_ko=row["highlight_words_ko"],
                                        headline_en=row["headline_en"]),
                 "rank": round(float(row["rank"]), 6)}
        fields = self.context.get("fields")
        if fields:
            extra = {key: value for key, value in extra.items() if key in fields}
        return _joined(row["json"], extra)


def _joined(json_object: str, extra: dict[str, Any]) -> Fragment:
    """The JSON object text PostgreSQL built, with `extra`'s keys added at its end."""
    if not extra:
        return Fragment(json_object)
    separator = "," if json_object.rstrip()[:-1].strip() not in ("{", "") else ""
    return Fragment(json_object.rstrip()[:-1] + separator + orjson.dumps(extra)[1:].decode())


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
