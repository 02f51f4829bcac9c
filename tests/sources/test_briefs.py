"""A citation shows its source as stored beside it (SourceBrief): the stored brief
follows every write of the source and of its publisher, by whatever path."""

import pytest

from kbase.facts.services import discrepancy_create
from kbase.sources.models import Publisher, Source
from tests.factories import CitationFactory, PublisherFactory, SourceFactory, WorkFactory

pytestmark = pytest.mark.django_db


def cited_source(api, citation, lang="en") -> dict:
    response = api.get(f"/api/v1/facts/{citation.fact.public_id}/", {"lang": lang})
    assert response.status_code == 200, response.content
    (shown,) = response.json()["citations"]
    return shown["source"]


def test_a_citation_shows_its_source_and_publisher_in_the_served_language(api):
    publisher = PublisherFactory(slug="kbs", name_ko="KBS 한국방송", name_en="")
    source = SourceFactory(publisher=publisher, language="en", title_ko="인재 유출",
                           title_en="", url="https://news.kbs.co.kr/en/1")
    citation = CitationFactory(source=source)
    assert cited_source(api, citation, "en") == {
        "id": source.pk, "slug": source.slug, "kind": "article", "language": "en",
        "title": "인재 유출", "publisher": {"slug": "kbs", "name": "KBS 한국방송"},
        "published_on": None, "url": "https://news.kbs.co.kr/en/1"}
    assert cited_source(api, citation, "ko")["publisher"]["name"] == "KBS 한국방송"


def test_a_citation_shows_its_source_as_edited(api):
    citation = CitationFactory()
    source = citation.source
    source.title_ko, source.url = "새 제목", "https://news.example.kr/moved"
    source.save()
    shown = cited_source(api, citation, "ko")
    assert (shown["title"], shown["url"]) == ("새 제목", "https://news.example.kr/moved")
    # A bare UPDATE, as a script or a data migration writes.
    Source.objects.filter(pk=source.pk).update(published_on="2025-11-25")
    assert cited_source(api, citation)["published_on"] == "2025-11-25"


def test_a_citation_follows_its_source_to_another_publisher(api):
    citation = CitationFactory()
    other = PublisherFactory(slug="joongang", name_en="JoongAng Ilbo")
    Source.objects.filter(pk=citation.source_id).update(publisher=other)
    assert cited_source(api, citation)["publisher"] == {"slug": "joongang",
                                                        "name": "JoongAng Ilbo"}


def test_every_citation_of_a_renamed_publisher_shows_its_new_name(api):
    publisher = PublisherFactory(name_en="Korea JoongAng Daily")
    citations = [CitationFactory(source=SourceFactory(publisher=publisher)) for _ in range(3)]
    untouched = CitationFactory()
    Publisher.objects.filter(pk=publisher.pk).update(name_en="JoongAng Daily", slug="jad")
    assert [cited_source(api, c)["publisher"] for c in citations] == [
        {"slug": "jad", "name": "JoongAng Daily"}] * 3
    assert cited_source(api, untouched)["publisher"]["slug"] == untouched.source.publisher.slug


def test_a_discrepancy_shows_its_sources_as_edited(api):
    work = WorkFactory()
    korean = SourceFactory(language="ko", work=work)
    english = SourceFactory(language="en", work=work)
    citation = CitationFactory(source=korean)
    discrepancy_create(slug="experts-count", fact=citation.fact, aspect="number",
                       note_en="38 or 40", statements=[(korean, "38명"), (english, "40 experts")])
    Publisher.objects.filter(pk=english.publisher_id).update(name_en="KBS World")
    page = api.get(f"/api/v1/facts/{citation.fact.public_id}/").json()
    (shown,) = page["discrepancies"]
    assert [s["source"]["publisher"]["name"] for s in shown["statements"]] == [
        korean.publisher.name_en, "KBS World"]
