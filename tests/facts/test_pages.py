"""The public pages, through Django's test client (browser flows: tests/browser)."""

import json
import re
from datetime import date

import pytest
from django.core.cache import cache

from kbase.facts import services
from kbase.facts.indexing import fact_search_refresh
from kbase.facts.models import Fact
from kbase.facts.seed import seed_public_id
from tests.factories import (
    CitationFactory,
    FactFactory,
    editorial_in_two_editions,
)
from tests.seeding import seed_loaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_loaded()


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


@pytest.fixture
def cited_in_two_editions():
    """A fact citing a work's Korean edition (dated, online) and its English one
    (undated, no link), which disagree about a number."""
    english, korean = editorial_in_two_editions(url="https://news.example.kr/ai/1")
    korean.published_on, korean.published_precision = date(2025, 7, 10), "day"
    korean.save()
    fact = FactFactory(text_ko="전문가는 38명뿐이다.", text_en="Only 38 experts.")
    CitationFactory(fact=fact, source=korean, quote="전문가가 38명뿐이라는")
    CitationFactory(fact=fact, source=english, quote="only 38 experts")
    services.discrepancy_create(
        slug="experts-count", fact=fact, aspect="number", note_ko="판마다 숫자가 다르다.",
        note_en="The editions give different numbers.",
        statements=[(korean, "전문가 38명"), (english, "some 40 experts")])
    return fact


def test_a_fact_page_links_each_citation_to_its_source_with_language_and_date(
        client, cited_in_two_editions):
    page = client.get(f"/facts/{cited_in_two_editions.public_id}/?lang=ko").content.decode()
    citations = page.split('class="citations"')[1].split("</ul>")[0]
    assert ('<a href="https://news.example.kr/ai/1" rel="noopener" lang="ko">'
            "한국은 AI 인재 유출</a>") in citations
    assert '한국어판</span> · <time datetime="2025-07-10">2025-07-10</time>' in citations
    # The English edition has no URL: its title is not a link, and its date is unknown.
    assert '<span lang="en">Korea needs a robust AI ecosystem</span>' in citations
    assert "영어판</span> · 날짜 미상 · paragraph 2" in citations


def test_a_fact_page_shows_the_disagreeing_editions_side_by_side(
        client, cited_in_two_editions):
    page = client.get(f"/facts/{cited_in_two_editions.public_id}/?lang=en").content.decode()
    section = page.split('class="discrepancy"')[1].split("</section>")[0]
    columns = re.findall(r'<figure class="edition">(.*?)</figure>', section, re.S)
    assert len(columns) == 2
    assert "전문가 38명" in columns[0] and "Korean edition" in columns[0]
    assert "some 40 experts" in columns[1] and "English edition" in columns[1]


def embedded_jsonld(page: str) -> str:
    return re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1]


def test_a_fact_page_embeds_the_json_ld_the_api_serves(client, cited_in_two_editions):
    fact_id = cited_in_two_editions.public_id
    page = client.get(f"/facts/{fact_id}/").content.decode()
    served = client.get(f"/api/v1/facts/{fact_id}/jsonld/").json()
    assert json.loads(embedded_jsonld(page)) == served
    assert served["@type"] == "Claim" and len(served["citation"]) == 2


def test_the_embedded_json_ld_cannot_end_its_script_element(client):
    fact = FactFactory(text_en="Experts </script><script>alert(1)</script> <!-- & more")
    CitationFactory(fact=fact)
    page = client.get(f"/facts/{fact.public_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    embedded = embedded_jsonld(page)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    texts = json.loads(embedded)["text"]
    assert {"@value": fact.text_en, "@language": "en"} in texts
    assert "<script>alert" not in page


def test_a_fact_page_names_its_other_language_and_its_canonical_address(
        client, cited_in_two_editions):
    fact_id = cited_in_two_editions.public_id
    page = client.get(f"/facts/{fact_id}/?lang=ko").content.decode()
    base = f"http://testserver/facts/{fact_id}/"
    assert f'<link rel="canonical" href="{base}?lang=ko">' in page
    assert f'<link rel="alternate" hreflang="ko" href="{base}?lang=ko">' in page
    assert f'<link rel="alternate" hreflang="en" href="{base}?lang=en">' in page
    assert f'<link rel="alternate" hreflang="x-default" href="{base}">' in page


def test_a_shared_fact_link_previews_the_fact_in_the_pages_language(
        client, cited_in_two_editions):
    fact_id = cited_in_two_editions.public_id
    korean = client.get(f"/facts/{fact_id}/?lang=ko").content.decode()
    assert '<meta property="og:title" content="전문가는 38명뿐이다.">' in korean
    assert '<meta property="og:description" content="전문가는 38명뿐이다.">' in korean
    assert (f'<meta property="og:url" content="http://testserver/facts/{fact_id}/?lang=ko">'
            in korean)
    assert '<meta property="og:locale" content="ko_KR">' in korean
    english = client.get(f"/facts/{fact_id}/?lang=en", HTTP_ACCEPT_LANGUAGE="ko")
    assert '<html lang="en">' in english.content.decode()
    assert '<meta property="og:description" content="Only 38 experts.">' in (
        english.content.decode())
    assert '<meta property="og:locale" content="en_US">' in english.content.decode()
