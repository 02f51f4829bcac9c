"""Publisher and source representations (built from prefetched objects, no queries)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _
from orjson import Fragment
from rest_framework import serializers

from kbase.core.models import DatePrecision, Language
from kbase.core.representation import iso, name_in, pick_language
from kbase.core.serializers import SlugReferenceField, StrictInputMixin

from ..models import Publisher, Source

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    from ..selectors import SourceListing


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

    def to_representation(self, publisher: Publisher) -> dict[str, Any]:
        language = self.context.get("language", "en")
        return {
            "slug": publisher.slug,
            "name": name_in(publisher.name_ko, publisher.name_en, language),
            "name_ko": publisher.name_ko, "name_en": publisher.name_en,
            "kind": publisher.kind, "homepage": publisher.homepage,
            "country": publisher.country,
        }


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

    # Sources as selectors.source_list() reads them, or a row of
    # selectors.source_and_editions_json_by_url(): ready-made, embedded as it is.
    def to_representation(  # type: ignore[override]
            self, source: WithAnnotations[Source, SourceListing] | dict
    ) -> dict[str, Any] | Fragment:
        if isinstance(source, dict):
            return Fragment(source["json"])
        language = self.context.get("language", "en")
        title = pick_language(source.title_ko, source.title_en, source.language)[0]
        return {
            "id": source.pk,
            "slug": source.slug,
            "url": source.url,
            "normalized_url": source.normalized_url,
            "publisher": PublisherSerializer(context=self.context).to_representation(
                source.publisher),
            "work": source.work.slug,
            "kind": source.kind,
            "language": source.language,
            "edition_kind": source.edition_kind,
            "title": title or name_in(source.title_ko, source.title_en, language),
            "title_ko": source.title_ko,
            "title_en": source.title_en,
            "authors": source.authors,
            "program": source.program,
            "published_on": iso(source.published_on),
            "published_precision": source.published_precision,
            "published_note": source.published_note,
            "accessed_on": iso(source.accessed_on),
            "has_archived_text": source.has_archived_text,
            "created_at": iso(source.created_at),
            "updated_at": iso(source.updated_at),
        }


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
