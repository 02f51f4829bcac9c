"""The public pages, through Django's test client (browser flows: tests/browser)."""

import pytest
from django.core.cache import cache

from kbase.facts.indexing import fact_search_refresh
from kbase.facts.models import Fact
from kbase.facts.seed import seed_load, seed_public_id
from tests.factories import CitationFactory, FactFactory, editorial_in_two_editions

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_load()


def test_the_home_page_lists_facts_without_javascript(client, seeded):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<script" not in page
    assert "Paste a link" in page


def test_korean_search_finds_and_marks_the_word(client, seeded):
    page = client.get("/", {"q": "전문가"}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "<mark>전문가는</mark> 38명뿐이다" in page


def test_english_search_marks_the_word_and_escapes_the_text(client, seeded):
    # The page shows the highlight as HTML: only kbase's <mark> may be markup.
    fact = Fact.objects.create(text_en="Recruiting <script>alert(1)</script> & founders",
                               status=Fact.Status.PUBLISHED)
    fact_search_refresh(fact_ids=[fact.pk])
    page = client.get("/", {"q": "recruiting"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("<mark>Recruiting</mark> &lt;script&gt;alert(1)&lt;/script&gt; &amp; founders"
            in page)
    assert "<script>alert" not in page


def test_a_filter_by_publisher_narrows_the_list(client, seeded):
    page = client.get("/", {"publisher": "kbs"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "KBS reported" in page
    assert "JoongAng" not in page.split('class="results"')[1]


def test_a_malformed_date_filter_answers_400_with_a_message(client, seeded):
    response = client.get("/", {"as_of_after": "someday"})
    assert response.status_code == 400
    assert "as_of_after" in response.content.decode()


def test_a_pasted_link_that_is_unknown_says_so(client, seeded):
    response = client.get("/", {"url": "https://example.com/nothing"},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "not in the knowledge base" in response.content.decode()


def test_a_pasted_link_lists_each_citing_fact_once_with_the_other_editions(client):
    _english, korean = editorial_in_two_editions(url="https://example.kr/news/1?utm_source=x")
    twice = FactFactory(text_en="Cited twice by the Korean edition")
    CitationFactory(fact=twice, source=korean, quote="첫째")
    CitationFactory(fact=twice, source=korean, quote="둘째")
    CitationFactory(fact=FactFactory(text_en="A draft citing it", status=Fact.Status.DRAFT),
                    source=korean)
    CitationFactory(fact=FactFactory(text_en="Citing another source"))
    response = client.get("/", {"url": "http://example.kr/news/1"}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Cited twice by the Korean edition") == 1
    assert "A draft citing it" not in page and "Citing another source" not in page
    assert "Other editions:" in page and "Korea needs a robust AI ecosystem" in page


def test_a_fact_page_shows_both_languages_citations_and_the_discrepancy(client, seeded):
    fact_id = seed_public_id("e7s-visa-introduced-by-ministry-of-justice")
    page = client.get(f"/facts/{fact_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "법무부는" in page and "Ministry of Justice" in page
    assert "Where the editions disagree" in page
    assert "법무부가 2023년 도입한" in page and "Last year, the Ministry of Justice" in page


def test_a_draft_fact_page_is_not_found_by_anonymous_visitors(client, seeded):
    fact = Fact.objects.first()
    Fact.objects.filter(pk=fact.pk).update(status=Fact.Status.DRAFT)
    assert client.get(f"/facts/{fact.public_id}/").status_code == 404


def test_the_public_pages_carry_a_strict_content_security_policy(client, seeded):
    fact_id = seed_public_id("e7s-visa-only-38-experts-reside")
    for url in ("/", f"/facts/{fact_id}/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'none'" in policy and "frame-ancestors 'none'" in policy


@pytest.fixture
def page_rate(settings):
    """Two searches a minute, counted from nothing (the counts live in the shared cache)."""
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "page": "2/minute"}}


def test_the_search_page_answers_429_past_its_rate_saying_when_to_come_back(client,
                                                                            page_rate):
    FactFactory(text_en="Only 38 experts")
    statuses = [client.get("/", {"q": "experts"}, HTTP_ACCEPT_LANGUAGE="en").status_code
                for _ in range(2)]
    refused = client.get("/", {"q": "experts"}, HTTP_ACCEPT_LANGUAGE="en")
    assert statuses == [200, 200]
    assert refused.status_code == 429
    assert refused["Content-Type"] == "text/html; charset=utf-8"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Content-Security-Policy"].startswith("default-src 'self'")
    page = refused.content.decode()
    assert f"Too many searches; try again in {refused['Retry-After']} second" in page
    assert "Only 38 experts" not in page
    assert 'name="q"' in page  # the page itself, its form included


def test_the_search_page_counts_readers_by_address_not_all_together(client, page_rate):
    statuses = [client.get("/", REMOTE_ADDR=f"203.0.113.{n % 2}").status_code
                for n in range(4)]
    assert statuses == [200] * 4
    assert client.get("/", REMOTE_ADDR="203.0.113.0").status_code == 429
