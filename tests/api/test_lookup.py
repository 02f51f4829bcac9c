"""Fact-checkers paste a link in whatever form they were sent it."""

from datetime import UTC, date, datetime

import pytest

from kbase.facts import services as fact_services
from kbase.facts.models import Fact
from kbase.sources import services as source_services
from kbase.sources.models import Source
from tests.factories import (
    CitationFactory,
    FactFactory,
    PublisherFactory,
    SourceFactory,
    editorial_in_two_editions,
)

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/sources/lookup/"
ARTICLE = "https://n.news.naver.com/mnews/article/025/0003421234?sid=110"

VARIANTS = [
    ARTICLE,
    "https://n.news.naver.com/article/025/0003421234",
    "http://n.news.naver.com/article/025/0003421234",
    "https://n.news.naver.com/article/025/0003421234/",
    "https://n.news.naver.com/article/025/0003421234?sid=110&utm_source=twitter",
    "https://n.news.naver.com/article/025/0003421234#comments",
    "https://N.NEWS.NAVER.COM/article/025/0003421234",
    "https://n.news.naver.com:443/article/025/0003421234",
    "https://m.news.naver.com/article/025/0003421234",
    "https://news.naver.com/main/read.naver?mode=LSD&mid=sec&sid1=110&oid=025&aid=0003421234",
    "https://news.naver.com/main/read.nhn?oid=025&aid=0003421234",
    "https://m.news.naver.com/read.nhn?oid=025&aid=0003421234&sid1=110",
    "http://news.naver.com/main/read.naver?aid=0003421234&oid=025&fbclid=abc",
    "https://n.news.naver.com/mnews/article/025/0003421234?sid=110&gclid=xyz",
    "  https://n.news.naver.com/article/025/0003421234  ",
    "https://n.news.naver.com/article/025/0003421234?utm_medium=social&utm_campaign=x",
]


@pytest.fixture
def source():
    return editorial_in_two_editions(
        url=ARTICLE, title_ko="중국은 AI 굴기, 한국은 AI 인재 유출에 의대 광풍까지")[1]


@pytest.mark.parametrize("url", VARIANTS)
def test_every_variant_of_the_url_finds_the_source(api, source, url):
    response = api.get(LOOKUP, {"url": url})
    assert response.status_code == 200, response.content
    assert response.json()["source"]["id"] == source.pk


def test_the_lookup_answers_the_other_editions_and_the_citing_facts(api, source):
    fact = CitationFactory(fact=FactFactory(), source=source).fact
    CitationFactory(fact=FactFactory(status=Fact.Status.DRAFT), source=source)
    body = api.get(LOOKUP, {"url": VARIANTS[3]}).json()
    assert [edition["slug"] for edition in body["editions"]] == ["ai-ecosystem-en"]
    assert [item["id"] for item in body["facts"]] == [str(fact.public_id)]
    assert body["facts"][0]["citations"][0]["quote"]


def test_an_unknown_url_answers_404_saying_it_is_not_in_the_knowledge_base(api, source):
    response = api.get(LOOKUP, {"url": "https://n.news.naver.com/article/025/0000000001"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "not in the knowledge base" in response.json()["detail"]


@pytest.mark.parametrize("url", ["", "not a url", "ftp://example.com/x", "javascript:alert(1)",
                                 "http://"])
def test_a_non_url_answers_400(api, url):
    response = api.get(LOOKUP, {"url": url})
    assert response.status_code == 400
    assert "url" in response.json()["errors"]


def test_the_facts_list_filters_by_any_url_variant(api, source):
    fact = CitationFactory(fact=FactFactory(), source=source).fact
    CitationFactory(fact=FactFactory(), source=SourceFactory())
    for url in (VARIANTS[9], VARIANTS[12]):
        ids = [item["id"] for item in
               api.get("/api/v1/facts/", {"source_url": url}).json()["results"]]
        assert ids == [str(fact.public_id)]
    response = api.get("/api/v1/facts/", {"source_url": "nope"})
    assert response.status_code == 400
    assert "source_url" in response.json()["errors"]


def test_discrepancies_filter_by_publisher_and_source(api, source):
    fact = FactFactory()
    english = source.work.editions.exclude(pk=source.pk).get()
    fact_services.discrepancy_create(slug="year", fact=fact, aspect="date",
                                     statements=[(english, "Last year"), (source, "2023년")])
    assert len(api.get("/api/v1/discrepancies/", {"publisher": "joongang-ilbo"})
               .json()["results"]) == 1
    assert api.get("/api/v1/discrepancies/", {"publisher": "kbs"}).json()["results"] == []
    assert len(api.get("/api/v1/discrepancies/", {"source": source.pk}).json()["results"]) == 1


@pytest.mark.parametrize("count", [1, 30])
def test_the_lookup_costs_the_same_queries_for_1_or_30_citing_facts(
        api, source, django_assert_num_queries, count):
    for _ in range(count):
        CitationFactory(fact=FactFactory(), source=source)
    # the source with its other editions; the citing facts, represented by PostgreSQL
    with django_assert_num_queries(2):
        response = api.get(LOOKUP, {"url": ARTICLE})
    assert len(response.json()["facts"]) == count


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_lookup_represents_its_facts_as_the_facts_list_does(api, source, language):
    citing = {str(CitationFactory(fact=FactFactory(), source=source).fact.public_id)
              for _ in range(3)}
    CitationFactory(fact=FactFactory(), source=SourceFactory())  # cites another source
    listed = api.get("/api/v1/facts/", {"lang": language}).json()["results"]
    body = api.get(LOOKUP, {"url": ARTICLE, "lang": language}).json()
    assert body["facts"] == [item for item in listed if item["id"] in citing]
    assert len(body["facts"]) == 3


def test_the_facts_of_a_source_keep_their_sparse_fields(api, source):
    CitationFactory(fact=FactFactory(), source=source)
    looked_up = api.get(LOOKUP, {"url": ARTICLE, "fields": "id,text"}).json()["facts"]
    listed = api.get(f"/api/v1/sources/{source.pk}/facts/", {"fields": "id,text"}
                     ).json()["results"]
    assert [set(item) for item in looked_up] == [set(item) for item in listed] == [{"id", "text"}]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_lookup_represents_the_source_and_editions_as_the_sources_api_does(
        api, language):
    # PostgreSQL builds the lookup's sources; /sources/{id}/ builds them in Python.
    publisher = PublisherFactory(slug="only-korean-name", name_ko="중앙일보", name_en="")
    original = source_services.source_create(
        publisher=publisher, slug="original-ko", kind="editorial", language="ko",
        title_ko="", title_en="Only an English title", url=ARTICLE,
        authors=[{"name_ko": "김기자", "name_en": "Kim", "role": "reporter"}],
        published_on=date(2025, 2, 5), published_precision="day", accessed_on=date(2025, 3, 1),
        archived_text="전문")
    translation = source_services.source_create(
        publisher=publisher, edition_of=original, slug="translation-en", kind="editorial",
        language="en", edition_kind="translation", title_ko="한국어 제목만", title_en="")
    Source.objects.filter(pk=translation.pk).update(
        created_at=datetime(2025, 7, 10, 4, 30, tzinfo=UTC))  # a time on the second
    body = api.get(LOOKUP, {"url": ARTICLE, "lang": language}).json()

    def served(source):
        return api.get(f"/api/v1/sources/{source.pk}/", {"lang": language}).json()

    assert body["source"] == served(original)
    assert body["editions"] == [served(translation)]
    assert body["source"]["has_archived_text"] and body["source"]["authors"]
    assert body["editions"][0]["normalized_url"] is None
