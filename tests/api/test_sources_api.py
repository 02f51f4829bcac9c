"""Sources, editions, publishers, topics, entities and discrepancies over the API."""

import pytest
from django.db import connection

from kbase.facts import services as fact_services
from kbase.facts.indexing import fact_search_refresh
from kbase.facts.models import Fact
from kbase.sources.models import Source, SourceBrief
from tests.factories import (
    CitationFactory,
    EntityFactory,
    FactFactory,
    PublisherFactory,
    SourceFactory,
    TopicFactory,
    WorkFactory,
)

pytestmark = pytest.mark.django_db

SOURCES = "/api/v1/sources/"


@pytest.fixture(autouse=True)
def joongang():
    return PublisherFactory(slug="joongang-ilbo")


def new_source_body(**overrides) -> dict:
    return {"slug": "joongang-ai-ecosystem-ko", "publisher": "joongang-ilbo",
            "kind": "editorial", "language": "ko",
            "title_ko": "중국은 AI 굴기, 한국은 AI 인재 유출에 의대 광풍까지",
            "url": "https://www.joongang.co.kr/article/25311111?utm_source=x", **overrides}


def test_an_editor_creates_a_source_with_a_normalised_url(editor):
    response = editor.post(SOURCES, new_source_body(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["normalized_url"] == "https://joongang.co.kr/article/25311111"
    assert body["url"] == "https://www.joongang.co.kr/article/25311111?utm_source=x"


def test_a_duplicate_url_variant_answers_400_naming_the_existing_source(editor):
    editor.post(SOURCES, new_source_body(), format="json")
    response = editor.post(SOURCES, {**new_source_body(), "slug": "again",
                                     "url": "http://joongang.co.kr/article/25311111/"},
                           format="json")
    assert response.status_code == 400
    assert "joongang-ai-ecosystem-ko" in response.json()["errors"]["url"][0]
    assert Source.objects.count() == 1


def test_anonymous_clients_cannot_create_sources(api):
    response = api.post(SOURCES, new_source_body(), format="json")
    assert response.status_code == 401
    assert not Source.objects.exists()


def test_editions_are_navigable_both_ways(api):
    work = WorkFactory()
    korean = SourceFactory(work=work, language="ko")
    english = SourceFactory(work=work, language="en", edition_kind="translation")
    SourceFactory()  # another work
    assert [s["id"] for s in api.get(f"{SOURCES}{korean.pk}/editions/").json()] == [english.pk]
    assert [s["id"] for s in api.get(f"{SOURCES}{english.pk}/editions/").json()] == [korean.pk]


def test_an_editor_links_a_translation_to_its_original(editor):
    original, translation = SourceFactory(language="ko"), SourceFactory(language="en")
    response = editor.patch(f"{SOURCES}{translation.pk}/",
                            {"edition_of": original.pk, "edition_kind": "translation"},
                            format="json")
    assert response.status_code == 200
    assert response.json()["work"] == original.work.slug


def test_source_facts_lists_the_facts_citing_it(api):
    citation = CitationFactory(fact=FactFactory())
    CitationFactory(fact=FactFactory(status=Fact.Status.DRAFT), source=citation.source)
    CitationFactory(fact=FactFactory())
    ids = [f["id"] for f in api.get(f"{SOURCES}{citation.source_id}/facts/").json()["results"]]
    assert ids == [str(citation.fact.public_id)]


def test_a_sources_facts_page_newest_first_by_cursor(api, reader):
    source = SourceFactory()
    citing = [CitationFactory(fact=FactFactory(), source=source).fact for _ in range(5)]
    draft = CitationFactory(fact=FactFactory(status=Fact.Status.DRAFT), source=source).fact
    CitationFactory(fact=FactFactory())  # cites another source
    for client, expected in ((api, citing), (reader, [*citing, draft])):
        newest_first = sorted(expected, key=lambda fact: (fact.created_at, fact.pk), reverse=True)
        seen, url = [], f"{SOURCES}{source.pk}/facts/?page_size=2&lang=ko"
        for _ in range(5):  # bounded: a cursor that goes round fails rather than hangs
            body = client.get(url).json()
            seen += [item["id"] for item in body["results"]]
            assert all(item["language"] == "ko" for item in body["results"])
            url = body["next"]
            if url is None:
                break
        assert seen == [str(fact.public_id) for fact in newest_first]


def test_a_cited_source_cannot_be_deleted(editor):
    citation = CitationFactory(fact=FactFactory())
    response = editor.delete(f"{SOURCES}{citation.source_id}/")
    assert response.status_code == 409
    assert Source.objects.filter(pk=citation.source_id).exists()


def test_an_uncited_source_can_be_deleted(editor):
    # With what is kept beside it: its search document and its stored brief.
    source = SourceFactory()
    response = editor.delete(f"{SOURCES}{source.pk}/")
    assert response.status_code == 204, response.content
    assert editor.get(f"{SOURCES}{source.pk}/").status_code == 404
    assert not SourceBrief.objects.filter(source_id=source.pk).exists()


def test_sources_filter_by_language_and_publisher(api):
    kbs = PublisherFactory(slug="kbs")
    english = SourceFactory(language="en", publisher=kbs)
    SourceFactory(language="ko")
    assert [s["id"] for s in api.get(SOURCES, {"language": "en"}).json()["results"]] \
        == [english.pk]
    assert [s["id"] for s in api.get(SOURCES, {"publisher": "kbs"}).json()["results"]] \
        == [english.pk]


@pytest.mark.parametrize(("parameter", "value"), [
    ("language", "fr"), ("kind", "novel"), ("published_after", "soon")])
def test_a_malformed_source_filter_answers_400(api, parameter, value):
    response = api.get(SOURCES, {parameter: value})
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_publishers_topics_and_entities_are_listed_with_names_in_the_served_language(api):
    PublisherFactory(slug="kbs", name_ko="한국방송공사", name_en="KBS")
    TopicFactory(slug="ai-talent", name_ko="AI 인재", name_en="AI talent")
    EntityFactory(slug="deepseek", name_ko="딥시크", name_en="DeepSeek",
                  aliases_en=["DeepSeek AI"])
    assert api.get("/api/v1/publishers/kbs/", {"lang": "ko"}).json()["name"] == "한국방송공사"
    assert api.get("/api/v1/topics/ai-talent/", {"lang": "ko"}).json()["name"] == "AI 인재"
    entity = api.get("/api/v1/entities/deepseek/").json()
    assert (entity["name"], entity["aliases_en"]) == ("DeepSeek", ["DeepSeek AI"])


def test_discrepancies_show_what_each_edition_says_and_filter_by_aspect(api):
    work = WorkFactory()
    english = SourceFactory(work=work, language="en")
    korean = SourceFactory(work=work, language="ko")
    fact = FactFactory()
    fact_services.discrepancy_create(
        slug="e7s-year", fact=fact, aspect="date",
        statements=[(english, "Last year"), (korean, "2023년")],
        note_en="The editions give different years.", note_ko="판마다 연도가 다르다.")
    body = api.get("/api/v1/discrepancies/", {"aspect": "date"}).json()["results"]
    assert [item["slug"] for item in body] == ["e7s-year"]
    assert [s["says"] for s in body[0]["statements"]] == ["Last year", "2023년"]
    assert api.get("/api/v1/discrepancies/", {"aspect": "place"}).json()["results"] == []
    detail = api.get(f"/api/v1/facts/{fact.public_id}/", {"lang": "ko"}).json()
    assert detail["discrepancies"][0]["note"] == "판마다 연도가 다르다."


def test_discrepancies_of_drafts_are_hidden_from_anonymous_clients(api):
    fact = FactFactory(status=Fact.Status.DRAFT)
    source = SourceFactory()
    fact_services.discrepancy_create(slug="hidden", fact=fact, aspect="number",
                                     statements=[(source, "38")])
    assert api.get("/api/v1/discrepancies/").json()["results"] == []


@pytest.mark.parametrize("count", [1, 100])
@pytest.mark.parametrize(("url", "queries"), [
    ("/api/v1/sources/?page_size=200", 1),           # sources with publisher and work
    ("/api/v1/discrepancies/?page_size=200", 1),     # built by PostgreSQL, statements too
    ("/api/v1/publishers/?page_size=200", 1),
    ("/api/v1/topics/?page_size=200", 1),
])
def test_lists_cost_the_same_queries_for_1_or_100_rows(api, django_assert_num_queries, count,
                                                       url, queries):
    for _ in range(count):
        citation = CitationFactory(fact=FactFactory())
        TopicFactory()
        fact_services.discrepancy_create(slug=f"d-{citation.pk}", fact=citation.fact,
                                         aspect="number",
                                         statements=[(citation.source, "38")])
    with django_assert_num_queries(queries):
        response = api.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 100])
def test_a_sources_facts_cost_the_same_queries_for_1_or_100_facts(
        api, django_assert_num_queries, count):
    source = SourceFactory()
    for _ in range(count):
        CitationFactory(fact=FactFactory(), source=source)
    # the source; the facts with their topics, entities and citations as JSON
    with django_assert_num_queries(2):
        response = api.get(f"/api/v1/sources/{source.pk}/facts/?page_size=200")
    assert len(response.json()["results"]) == count


def source_ids(client, **params) -> list[int]:
    response = client.get(SOURCES, params)
    assert response.status_code == 200, response.json()
    return [item["id"] for item in response.json()["results"]]


def test_sources_filter_by_kind_work_and_dates(api):
    from datetime import date, timedelta

    from django.utils import timezone

    from kbase.sources.models import Source

    work = WorkFactory(slug="joongang-ai-ecosystem")
    editorial = SourceFactory(kind="editorial", work=work, published_on=date(2025, 2, 5),
                              published_precision="day")
    broadcast = SourceFactory(kind="broadcast_transcript", published_on=date(2025, 7, 10),
                              published_precision="day")
    Source.objects.filter(pk=broadcast.pk).update(
        updated_at=timezone.now() - timedelta(days=30))
    assert source_ids(api, kind="editorial") == [editorial.pk]
    assert source_ids(api, work="joongang-ai-ecosystem") == [editorial.pk]
    assert source_ids(api, published_after="2025-06-01") == [broadcast.pk]
    assert source_ids(api, published_before="2025-06-01") == [editorial.pk]
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert source_ids(api, updated_since=since) == [editorial.pk]


def test_discrepancies_filter_by_fact(api):
    first, second = FactFactory(), FactFactory()
    source = SourceFactory()
    for fact, slug in ((first, "one"), (second, "two")):
        fact_services.discrepancy_create(slug=slug, fact=fact, aspect="number",
                                         statements=[(source, "38")])
    body = api.get("/api/v1/discrepancies/", {"fact": str(first.public_id)}).json()
    assert [item["slug"] for item in body["results"]] == ["one"]


def _search_document_versions(facts) -> list[int]:
    """The row versions (xmin) of these facts' search documents: a rewrite changes them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text::bigint FROM facts_factsearchdocument "
                       "WHERE fact_id = ANY(%s) ORDER BY fact_id", [[f.pk for f in facts]])
        return [row[0] for row in cursor.fetchall()]


# Found by `make fuzz`: every edit of a source rebuilt the search documents of all the
# facts citing it (Korean analysis of each), even an edit that left nothing searchable
# changed; with thousands of citing facts an empty PATCH ran past the client's timeout.
def test_a_source_edit_rebuilds_citing_facts_search_documents_only_when_titles_change(editor):
    source = SourceFactory(title_en="Old title")
    facts = [CitationFactory(source=source, fact=FactFactory(status=Fact.Status.PUBLISHED)).fact
             for _ in range(3)]
    fact_search_refresh(fact_ids=[f.pk for f in facts])
    before = _search_document_versions(facts)

    response = editor.patch(f"/api/v1/sources/{source.pk}/",
                            {"published_note": "Date from the archive."}, format="json")
    assert response.status_code == 200
    assert _search_document_versions(facts) == before

    response = editor.patch(f"/api/v1/sources/{source.pk}/",
                            {"title_en": "Brand new headline"}, format="json")
    assert response.status_code == 200
    assert all(new != old for new, old in zip(_search_document_versions(facts), before,
                                                strict=True))
    found = editor.get("/api/v1/search/", {"q": "headline"}).json()
    assert {r["id"] for r in found["results"]} >= {str(f.public_id) for f in facts}
