"""Editors at work in the admin, in a real browser."""

import json
import urllib.request

import pytest
from django.contrib.auth.models import Group, Permission

from kbase.facts import services
from kbase.facts.models import Fact
from kbase.facts.roles import roles_ensure
from kbase.sources import services as source_services
from tests.browser.conftest import log_in
from tests.conftest import editor_without_publish_user, staff_without_permissions_user
from tests.factories import CitationFactory, FactFactory, PublisherFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def joongang_source(transactional_db):
    return source_services.source_create(
        publisher=PublisherFactory(slug="joongang-ilbo", name_ko="중앙일보",
                                   name_en="JoongAng Ilbo"),
        slug="joongang-ai-ecosystem-ko", kind="editorial", language="ko",
        title_ko="중국은 AI 굴기, 한국은 AI 인재 유출에 의대 광풍까지",
        archived_text="국내에 체류 중인 전문가가 38명뿐이라는 본지 취재 결과")


def test_an_editor_creates_cites_and_publishes_a_fact_the_api_then_serves(
        browser, live_server, editor_account, joongang_source, screenshot):
    page = browser.new_page(locale="en-US")
    log_in(page, live_server, editor_account.username)
    page.goto(f"{live_server.url}/admin/facts/fact/add/")
    page.fill("#id_text_ko", "첨단 전문인력비자(E-7-S)로 국내에 체류 중인 전문가는 38명뿐이다.")
    page.fill("#id_text_en", "Only 38 experts reside in Korea under the E-7-S visa.")
    page.select_option("#id_text_ko_origin", "source")
    page.select_option("#id_text_en_origin", "translation")
    page.fill("#id_quantity_value", "38")
    page.select_option("#id_quantity_unit", "persons")
    page.select_option("#id_quantity_qualifier", "exact")
    page.fill("#id_edit_summary", "From the JoongAng editorial")
    page.click("#citations-group .add-row a")
    # The source is chosen through the autocomplete, as an editor would.
    page.click("#citations-group .select2-selection")
    page.fill(".select2-container--open .select2-search__field", "인재 유출")
    page.click(".select2-results__option:has-text('중국은 AI 굴기')")
    page.fill("#id_citations-0-quote", "국내에 체류 중인 전문가가 38명뿐이라는 본지 취재 결과")
    screenshot(page, "filled")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success, .errornote")
    screenshot(page, "saved")
    assert page.query_selector(".errornote") is None, page.inner_text("#content-main")

    fact = Fact.objects.get()
    assert fact.status == Fact.Status.DRAFT
    assert fact.citations.get().source == joongang_source
    assert fact.events.last().pgh_context.metadata["reason"] == "From the JoongAng editorial"

    page.goto(f"{live_server.url}/admin/facts/fact/")
    page.check(f"input[name=_selected_action][value='{fact.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    page.fill("#id_reason", "Quote checked against the edition")
    page.click("input[name=apply]")
    page.wait_for_selector(".messagelist .success")
    screenshot(page, "published")

    with urllib.request.urlopen(f"{live_server.url}/api/v1/facts/?lang=en") as response:
        served = json.load(response)["results"]
    assert [item["text"] for item in served] == [fact.text_en]


def test_the_second_editor_to_save_gets_a_conflict_message_not_an_overwrite(
        browser, live_server, editor_account, screenshot):
    other = UserFactory(username="night-editor", is_staff=True, is_superuser=True,
                        password="a-long-test-password")
    fact = services.fact_create(text_en="Japan recruits AI founders.",
                                text_ko="일본은 AI 창업자를 모집한다.")
    first, second = browser.new_context(locale="en-US"), browser.new_context(locale="en-US")
    page_a, page_b = first.new_page(), second.new_page()
    log_in(page_a, live_server, editor_account.username)
    log_in(page_b, live_server, other.username)
    url = f"{live_server.url}/admin/facts/fact/{fact.pk}/change/"
    page_a.goto(url)
    page_b.goto(url)

    page_a.fill("#id_text_en", "Japan aggressively recruits AI founders.")
    page_a.click("input[name=_save]")
    page_a.wait_for_selector(".messagelist .success")

    page_b.fill("#id_text_en", "Japan recruits AI researchers.")
    page_b.click("input[name=_save]")
    error = page_b.wait_for_selector(".errornote, .errorlist")
    screenshot(page_b, "conflict")
    body = page_b.content()
    assert "Someone else saved this fact" in body
    assert "Japan aggressively recruits AI founders." in body
    fact.refresh_from_db()
    assert fact.text_en == "Japan aggressively recruits AI founders."
    assert error


def test_the_admin_speaks_korean(browser, live_server, editor_account, screenshot):
    page = browser.new_page(locale="ko-KR", extra_http_headers={"Accept-Language": "ko"})
    log_in(page, live_server, editor_account.username)
    page.goto(f"{live_server.url}/admin/facts/fact/add/")
    path = screenshot(page, "korean")
    content = page.content()
    assert "사실 추가" in content or "사실" in page.title()
    assert "본문(한국어)" in content and "편집 요약" in content
    assert path.stat().st_size > 10_000


def test_an_editor_switches_the_admin_to_korean(browser, live_server, editor_account):
    page = browser.new_page(locale="en-US")
    log_in(page, live_server, editor_account.username)
    page.goto(f"{live_server.url}/admin/facts/fact/")
    with page.expect_navigation():
        page.select_option(".kbase-language-switch select", "ko")
    assert "편집 요약" in page.goto(f"{live_server.url}/admin/facts/fact/add/").text()


def test_staff_without_permissions_see_only_their_tokens_and_cannot_import_or_export(
        browser, live_server, transactional_db, screenshot):
    FactFactory(text_en="An unpublished draft", status=Fact.Status.DRAFT)
    user = staff_without_permissions_user()
    page = browser.new_page(locale="en-US")
    log_in(page, live_server, user.username, "correct-horse-battery")
    screenshot(page, "index")
    # Every staff member manages their own API tokens; nothing else is listed.
    links = page.eval_on_selector_all("#content-main a", "links => links.map(a => a.href)")
    assert {link.removeprefix(live_server.url) for link in links} == {
        "/admin/core/", "/admin/core/apitoken/", "/admin/core/apitoken/add/"}
    for path in ("", "import/", "export/", "add/"):
        response = page.goto(f"{live_server.url}/admin/facts/fact/{path}")
        assert response.status == 403, path
        assert "An unpublished draft" not in page.content()
    assert Fact.objects.count() == 1


def test_an_editor_without_publish_rights_cannot_publish(browser, live_server,
                                                         transactional_db):
    fact = CitationFactory(fact=FactFactory(text_en="Awaiting review",
                                            status=Fact.Status.REVIEW)).fact
    user = editor_without_publish_user()
    page = browser.new_page(locale="en-US")
    log_in(page, live_server, user.username, "correct-horse-battery")
    page.goto(f"{live_server.url}/admin/facts/fact/")
    actions = page.eval_on_selector_all("select[name=action] option",
                                        "options => options.map(o => o.value)")
    assert "send_to_review" in actions
    assert not {"publish", "retract", "supersede"} & set(actions)
    assert page.query_selector("a.import_link") and page.query_selector("a.export_link")
    fact.refresh_from_db()
    assert fact.status == Fact.Status.REVIEW


def test_an_editor_sees_a_likely_duplicate_before_keeping_it_and_may_go_on(
        browser, live_server, transactional_db, screenshot):
    roles_ensure(Group, Permission)
    editor = UserFactory(username="desk-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="editor"))
    # Committed at once (no surrounding transaction): embedded as any write is.
    recorded = services.fact_create(
        text_ko="첨단 전문인력비자(E-7-S)로 국내에 체류 중인 전문가는 38명뿐이다.",
        text_en="Only 38 experts reside in Korea under the E-7-S advanced talent visa.")
    page = browser.new_page(locale="en-US")
    log_in(page, live_server, editor.username, "correct-horse-battery")
    page.goto(f"{live_server.url}/admin/facts/fact/add/")
    page.fill("#id_text_ko", "E-7-S 비자로 국내에 체류하는 전문가는 38명에 불과하다.")
    page.select_option("#id_text_ko_origin", "source")
    assert not page.is_visible("#id_save_anyway")
    page.click("input[name=_save]")
    warning = page.wait_for_selector(".errorlist .kbase-similar")
    screenshot(page, "likely-duplicate")
    link = warning.query_selector("a")
    assert link.get_attribute("href") == f"/admin/facts/fact/{recorded.pk}/change/"
    assert link.get_attribute("target") == "_blank"
    assert Fact.objects.count() == 1

    page.check("#id_save_anyway")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    kept = Fact.objects.exclude(pk=recorded.pk).get()
    page.goto(f"{live_server.url}/admin/facts/fact/{kept.pk}/change/")
    screenshot(page, "similar-facts")
    section = page.inner_text(".kbase-similar-facts")
    assert "Similar facts" in section and "38명뿐이다" in section
