"""Each public page and the editors' fact screens, in Korean and in English, at a
laptop's width: screenshots into artifacts/screenshots/ for a person to look at,
and the layout checks a person would make."""

import pytest

from kbase.facts.models import Fact
from kbase.facts.seed import seed_public_id
from tests.browser.conftest import log_in
from tests.seeding import seed_loaded

pytestmark = pytest.mark.django_db(transaction=True)
WIDTH = 1280
LANGUAGES = {"ko": "ko-KR", "en": "en-US"}


@pytest.fixture
def seeded(transactional_db):
    seed_loaded()


def new_page(browser, language: str):
    return browser.new_page(locale=LANGUAGES[language], viewport={"width": WIDTH, "height": 900},
                            extra_http_headers={"Accept-Language": language})


def fits_the_window(page, selector: str = ":root") -> bool:
    """Nothing in `selector` scrolls sideways: the page, or a box of its own (the
    admin's list scrolls inside .results)."""
    return page.eval_on_selector(selector, "box => box.scrollWidth <= box.clientWidth")


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_public_pages(browser, live_server, seeded, screenshot, language):
    page = new_page(browser, language)
    page.goto(f"{live_server.url}/?lang={language}")
    screenshot(page, "home")
    assert fits_the_window(page)
    page.goto(f"{live_server.url}/?lang={language}&q=" + ("인재" if language == "ko" else "talent"))
    page.wait_for_selector("ol.results li a")
    screenshot(page, "search")
    assert fits_the_window(page)
    # A claim checked in the other language finds the fact and its citations.
    page.fill("#claim", "How many engineers does China graduate each year?"
              if language == "ko" else "E-7-S 비자로 들어온 전문가는 40명")
    page.click("form.claim button")
    page.wait_for_selector(".matches li.match .citations blockquote")
    screenshot(page, "claim")
    assert fits_the_window(page)
    page.goto(f"{live_server.url}/facts/{seed_public_id('liang-wenfeng-hometown')}/"
              f"?lang={language}")
    screenshot(page, "fact")
    assert fits_the_window(page)
    # The discrepancy's two editions stand side by side.
    boxes = [figure.bounding_box() for figure in
             page.query_selector_all(".discrepancy:first-of-type figure.edition")]
    assert len(boxes) == 2 and boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_admin_fact_list_shows_both_texts_at_a_laptops_width(
        browser, live_server, seeded, editor_account, screenshot, language):
    page = new_page(browser, language)
    log_in(page, live_server, editor_account.username)
    page.goto(f"{live_server.url}/admin/facts/fact/")
    screenshot(page, "list")
    assert fits_the_window(page) and fits_the_window(page, "#changelist .results")
    for column in ("short_ko", "short_en"):
        width = page.eval_on_selector(f"#result_list td.field-{column}, th.field-{column}",
                                      "cell => cell.getBoundingClientRect().width")
        assert width >= 200, (column, width)
    fact = Fact.objects.get(public_id=seed_public_id("liang-wenfeng-hometown"))
    page.goto(f"{live_server.url}/admin/facts/fact/{fact.pk}/change/")
    screenshot(page, "form")
    assert fits_the_window(page)
