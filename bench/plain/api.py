"""What a competent developer would otherwise build on kbase's tables: a plain DRF
`ModelViewSet` with nested `ModelSerializer`s, django-filter, cursor pagination
and the usual select_related/prefetch_related. The benchmark's second floor."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import pagination, serializers, viewsets

from kbase.facts.models import Citation, Entity, Fact, Topic
from kbase.sources.models import Publisher, Source


class PublisherSerializer(serializers.ModelSerializer):
    class Meta:
        model = Publisher
        fields = ["slug", "name_ko", "name_en"]


class SourceSerializer(serializers.ModelSerializer):
    publisher = PublisherSerializer()

    class Meta:
        model = Source
        fields = ["id", "slug", "kind", "language", "title_ko", "title_en", "url",
                  "published_on", "publisher"]


class CitationSerializer(serializers.ModelSerializer):
    source = SourceSerializer()

    class Meta:
        model = Citation
        fields = ["id", "quote", "quote_translation", "locator", "stance", "accessed_on",
                  "source"]


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name_ko", "name_en"]


class EntitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Entity
        fields = ["slug", "kind", "name_ko", "name_en"]


class FactSerializer(serializers.ModelSerializer):
    topics = TopicSerializer(many=True)
    entities = EntitySerializer(many=True)
    citations = CitationSerializer(many=True)

    class Meta:
        model = Fact
        fields = ["public_id", "text_ko", "text_en", "text_ko_origin", "text_en_origin",
                  "quantity_value", "quantity_unit", "quantity_qualifier", "as_of",
                  "as_of_precision", "status", "published_at", "version", "created_at",
                  "updated_at", "topics", "entities", "citations"]


class Pages(pagination.CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class FactViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = (Fact.objects.filter(status=Fact.Status.PUBLISHED)
                .prefetch_related("topics", "entities",
                                  "citations__source__publisher"))
    serializer_class = FactSerializer
    lookup_field = "public_id"
    pagination_class = Pages
    filter_backends = [DjangoFilterBackend]
    filterset_fields = {"topics__slug": ["exact"], "as_of": ["gte", "lte"]}
