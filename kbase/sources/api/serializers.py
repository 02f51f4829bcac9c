"""Publisher and source representations: PostgreSQL builds them
(kbase.sources.representation_sql); these serializers embed its JSON and declare
their fields for the OpenAPI schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from orjson import Fragment
from rest_framework import serializers

from kbase.core.models import DatePrecision, Language
from kbase.core.serializers import SlugReferenceField, StrictInputMixin

from ..models import Publisher, Source

if TYPE_CHECKING:

    pass


class PublisherBriefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class PublisherSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(help_text=_("In the served language, falling back to the other."))
    name_ko = serializers.CharField(allow_blank=True)
    name_en = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Publisher.Kind.choices)
    homepage = serializers.URLField(allow_blank=True)
    country = serializers.CharField(allow_blank=True)

    def to_representation(self, row: dict) -> Fragment:  # type: ignore[override]
        """`row`: one of selectors.publisher_rows()."""
        return Fragment(row["json"])


class SourceBriefSerializer(serializers.Serializer):
    """A source as a citation shows it (stored by PostgreSQL: SourceBrief)."""

    id = serializers.IntegerField()
    slug = serializers.SlugField()
    kind = serializers.ChoiceField(choices=Source.Kind.choices)
    language = serializers.ChoiceField(choices=Language.choices,
                                       help_text=_("The edition's language."))
    title = serializers.CharField(help_text=_("The edition's own title."))
    publisher = PublisherBriefSerializer()
    published_on = serializers.DateField(allow_null=True)
    url = serializers.URLField(allow_blank=True)


class AuthorSerializer(serializers.Serializer):
    name_ko = serializers.CharField(max_length=300, allow_blank=True, default="")
    name_en = serializers.CharField(max_length=300, allow_blank=True, default="")
    role = serializers.CharField(max_length=100, allow_blank=True, default="")


class SourceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    url = serializers.URLField(allow_blank=True, help_text=_("The URL as given."))
    normalized_url = serializers.CharField(allow_null=True,
                                           help_text=_("The key every variant maps to."))
    publisher = PublisherSerializer()
    work = serializers.SlugField(help_text=_("Editions of one work share this."))
    kind = serializers.ChoiceField(choices=Source.Kind.choices)
    language = serializers.ChoiceField(choices=Language.choices)
    edition_kind = serializers.ChoiceField(choices=Source.EditionKind.choices)
    title = serializers.CharField()
    title_ko = serializers.CharField(allow_blank=True)
    title_en = serializers.CharField(allow_blank=True)
    authors = AuthorSerializer(many=True)
    program = serializers.CharField(allow_blank=True)
    published_on = serializers.DateField(allow_null=True)
    published_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    published_note = serializers.CharField(allow_blank=True)
    accessed_on = serializers.DateField(allow_null=True)
    has_archived_text = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def to_representation(self, row: dict) -> Fragment:  # type: ignore[override]
        """`row`: one of selectors.source_rows() (or of the lookup's statement)."""
        return Fragment(row["json"])


class SourceWriteSerializer(StrictInputMixin, serializers.Serializer):
    ignored_keys = frozenset({"id", "normalized_url", "title", "has_archived_text",
                              "created_at", "updated_at", "work"})

    slug = serializers.SlugField(max_length=120)
    publisher = SlugReferenceField(queryset=Publisher.objects.all())
    edition_of = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.only("id", "work_id"), required=False, allow_null=True,
        write_only=True, help_text=_("Another edition (e.g. the original) of the same work."))
    kind = serializers.ChoiceField(choices=Source.Kind.choices)
    language = serializers.ChoiceField(choices=Language.choices)
    edition_kind = serializers.ChoiceField(choices=Source.EditionKind.choices,
                                           default=Source.EditionKind.ORIGINAL)
    title_ko = serializers.CharField(max_length=500, allow_blank=True, default="")
    title_en = serializers.CharField(max_length=500, allow_blank=True, default="")
    authors = AuthorSerializer(many=True, default=list)
    program = serializers.CharField(max_length=300, allow_blank=True, default="")
    published_on = serializers.DateField(allow_null=True, default=None)
    published_precision = serializers.ChoiceField(choices=DatePrecision.choices,
                                                  default=DatePrecision.UNKNOWN)
    published_note = serializers.CharField(max_length=2000, allow_blank=True, default="")
    url = serializers.URLField(max_length=2048, allow_blank=True, default="")
    accessed_on = serializers.DateField(allow_null=True, default=None)
    archived_text = serializers.CharField(max_length=1_000_000, allow_blank=True, default="",
                                          trim_whitespace=False, write_only=True)
