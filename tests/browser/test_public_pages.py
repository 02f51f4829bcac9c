"""Fact-checkers on the public pages, in a real browser."""

import pytest

from kbase.facts.seed import seed_public_id
from kbase.sources import services as source_services
from kbase.sources.models import Source
from tests.seeding import seed_loaded

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(transactional_db):
    seed_loaded()


def test_searching_in_korean(browser, live_server, seeded, screenshot):
    page = browser.new_page(locale="ko-KR", extra_http_headers={"Accept-Language": "ko"})
    page.goto(live_server.url + "/")
    page.fill("#q", "인재 유출")
    page.click("form.query button[type=submit]")
    page.wait_for_selector("ol.results li a")
    screenshot(page, "korean-search")
    first = page.inner_text("ol.results li a")
    assert "인재" in first
    assert page.query_selector("ol.results mark") is not None


def test_searching_in_english(browser, live_server, seeded, screenshot):
    page = browser.new_page(locale="en-US")
    page.goto(live_server.url + "/?q=recruiting")
    screenshot(page, "english-search")
    assert "Japan is aggressively recruiting" in page.inner_text("ol.results")


def test_pasting_a_variant_of_a_source_link(browser, live_server, seeded, screenshot):
    kbs = Source.objects.get(slug="kbs-2025-07-10-ai-brain-drain")
    source_services.source_update(
        source=kbs, url="https://news.kbs.co.kr/news/pc/view/view.do?ncd=8300000")
    page = browser.new_page(locale="en-US")
    page.goto(live_server.url + "/")
    page.fill("#url", "http://www.news.kbs.co.kr/news/pc/view/view.do?ncd=8300000"
                      "&utm_source=twitter#comments")
    page.click("form.lookup button[type=submit]")
    page.wait_for_selector("section.source")
    screenshot(page, "lookup")
    assert "Brain drain in AI sector" in page.inner_text("section.source")
    assert "Meta proposed performance bonuses" in page.inner_text("ol.results")


def test_opening_a_fact_whose_editions_disagree(browser, live_server, seeded, screenshot):
    page = browser.new_page(locale="en-US")
    fact_id = seed_public_id("liang-wenfeng-hometown")
    page.goto(f"{live_server.url}/facts/{fact_id}/")
    screenshot(page, "discrepancy")
    text = page.inner_text("article.fact")
    assert "Where the editions disagree" in text
    assert "Guangdong province" in text and "광저우" in text


def test_the_api_docs_render_with_no_outside_request(browser, live_server, screenshot):
    page = browser.new_page(locale="en-US")
    local = (live_server.url, "data:", f"blob:{live_server.url}")
    outside, blocked = [], []
    page.on("request", lambda request: None if request.url.startswith(local)
            else outside.append(request.url))
    # The Content-Security-Policy stops a request inside the browser: it never leaves.
    # (Chromium reports such a request as failed with "csp".)
    page.on("requestfailed", lambda request: blocked.append(request.url)
            if (request.failure or "").lower().endswith("csp") else None)
    page.goto(live_server.url + "/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock-summary", timeout=20000)
    screenshot(page, "swagger")
    assert "List facts" in page.inner_text(".swagger-ui")
    page.goto(live_server.url + "/api/redoc/")
    page.wait_for_selector("[role=search], .api-content", timeout=20000)
    page.wait_for_load_state("networkidle")
    assert [url for url in outside if url not in blocked] == []
