"""factory-boy factories: one place that knows how to build valid objects."""

import factory
from django.contrib.auth import get_user_model

from kbase.facts.indexing import fact_search_refresh
from kbase.facts.models import Citation, Entity, Fact, Topic
from kbase.sources.models import Publisher, Source, Work
from kbase.sources.normalize import normalize_url


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery")


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher

    slug = factory.Sequence(lambda n: f"publisher-{n}")
    name_ko = factory.Sequence(lambda n: f"언론사 {n}")
    name_en = factory.Sequence(lambda n: f"Publisher {n}")
    kind = Publisher.Kind.NEWSPAPER
    country = "KR"


class WorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Work

    slug = factory.Sequence(lambda n: f"work-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    publisher = factory.SubFactory(PublisherFactory)
    work = factory.SubFactory(WorkFactory)
    kind = Source.Kind.ARTICLE
    language = "ko"
    title_ko = factory.Sequence(lambda n: f"기사 {n}")
    title_en = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example.kr/article/{n}")
    normalized_url = factory.LazyAttribute(lambda o: normalize_url(o.url))
    archived_text = "전문가는 38명뿐이다. Only 38 experts."


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_ko = factory.Sequence(lambda n: f"주제 {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    slug = factory.Sequence(lambda n: f"entity-{n}")
    name_ko = factory.Sequence(lambda n: f"기관 {n}")
    name_en = factory.Sequence(lambda n: f"Entity {n}")
    kind = Entity.Kind.ORGANISATION


class FactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fact
        skip_postgeneration_save = True

    text_ko = factory.Sequence(lambda n: f"E-7-S 비자로 체류 중인 전문가는 {n}명이다.")
    text_en = factory.Sequence(lambda n: f"{n} experts reside in Korea under the E-7-S visa.")
    text_ko_origin = "source"
    text_en_origin = "translation"
    status = Fact.Status.PUBLISHED

    @factory.post_generation
    def search_document(fact, create, extracted, **kwargs):
        # As every write path does (the services, the admin, imports, the seed loader):
        # the API serves the number check stored beside the fact.
        if create:
            fact_search_refresh(fact_ids=[fact.pk])


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    fact = factory.SubFactory(FactFactory)
    source = factory.SubFactory(SourceFactory)
    quote = factory.Sequence(lambda n: f"전문가는 38명뿐이다 ({n})")
    locator = "paragraph 2"


def editorial_in_two_editions(*, url: str, title_ko: str = "한국은 AI 인재 유출"
                              ) -> tuple[Source, Source]:
    """A JoongAng editorial as one work: its English edition and its Korean one
    (the one at `url`), made through the service as editors make them."""
    from kbase.sources import services

    publisher = PublisherFactory(slug="joongang-ilbo")
    english = services.source_create(
        publisher=publisher, slug="ai-ecosystem-en", kind="editorial", language="en",
        title_en="Korea needs a robust AI ecosystem")
    korean = services.source_create(
        publisher=publisher, edition_of=english, slug="ai-ecosystem-ko", kind="editorial",
        language="ko", title_ko=title_ko, url=url)
    return english, korean
