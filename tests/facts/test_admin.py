"""The editors' admin, through Django's test client (browser flows: tests/browser)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kbase.core.embeddings import embedder
from kbase.facts import services
from kbase.facts.embeddings import embeddings_write
from kbase.facts.models import Fact
from kbase.sources import services as source_services
from tests.factories import CitationFactory, FactFactory, PublisherFactory

pytestmark = pytest.mark.django_db

FACTS = "/admin/facts/fact/"


def test_the_history_page_shows_who_what_and_why(admin_client, admin_user):
    fact = services.fact_create(text_en="38 experts", user=admin_user, reason="first draft")
    services.fact_update(fact=fact, text_en="Only 38 experts", user=admin_user,
                         reason="quote says only")
    page = admin_client.get(f"{FACTS}{fact.pk}/history/").content.decode()
    assert "quote says only" in page and "first draft" in page
    assert "Only 38 experts" in page and admin_user.username in page


def test_a_source_history_page_shows_its_changes(admin_client):
    source = source_services.source_create(publisher=PublisherFactory(), slug="s",
                                           kind="article", language="ko", title_ko="제목")
    source_services.source_update(source=source, title_ko="새 제목")
    page = admin_client.get(f"/admin/sources/source/{source.pk}/history/").content.decode()
    assert "새 제목" in page


def listed(admin_client, **params) -> set[str]:
    response = admin_client.get(FACTS, params)
    assert response.status_code == 200
    return {fact.text_en for fact in response.context["cl"].result_list}


def test_the_list_filters_missing_and_stale_translations(admin_client):
    FactFactory(text_en="complete")
    FactFactory(text_ko="", text_en="no korean")
    stale = services.fact_create(text_ko="한국어", text_en="english")
    services.fact_update(fact=stale, text_en="english, edited")
    assert listed(admin_client, missing="ko") == {"no korean"}
    assert listed(admin_client, stale="yes") == {"english, edited"}


def test_the_list_filters_overdue_reviews(admin_client):
    FactFactory(text_en="overdue", review_by=timezone.localdate() - timedelta(days=1))
    FactFactory(text_en="not yet", review_by=timezone.localdate() + timedelta(days=1))
    assert listed(admin_client, review="overdue") == {"overdue"}


def test_the_admin_search_is_bilingual(admin_client):
    services.fact_create(text_ko="AI 인재가 떠난다", text_en="talent leaves")
    services.fact_create(text_ko="반도체", text_en="chips")
    assert listed(admin_client, q="인재") == {"talent leaves"}


def test_the_list_warns_when_the_numbers_disagree(admin_client):
    FactFactory(text_ko="법무부가 2023년 도입", text_en="introduced last year")
    page = admin_client.get(FACTS).content.decode()
    assert "Only the Korean text has 2023" in page


def test_retracting_from_the_list_asks_for_a_reason(admin_client):
    fact = CitationFactory(fact=FactFactory()).fact
    form = admin_client.post(FACTS, {"action": "retract", "_selected_action": [fact.pk]})
    assert b'name="reason"' in form.content
    admin_client.post(FACTS, {"action": "retract", "_selected_action": [fact.pk],
                              "apply": "1", "reason": "publisher corrected it"})
    fact.refresh_from_db()
    assert fact.status == Fact.Status.RETRACTED
    assert fact.status_reason == "publisher corrected it"


def test_a_duplicate_url_names_the_existing_source(admin_client):
    publisher = PublisherFactory()
    existing = source_services.source_create(
        publisher=publisher, slug="first", kind="article", language="ko", title_ko="기사",
        url="https://www.joongang.co.kr/article/25311111")
    response = admin_client.post("/admin/sources/source/add/", {
        "publisher": publisher.pk, "slug": "second", "kind": "article", "language": "ko",
        "edition_kind": "original", "title_ko": "기사", "authors": "[]",
        "published_precision": "unknown", "url": "http://joongang.co.kr/article/25311111/"})
    assert response.status_code == 200
    assert existing.slug in response.content.decode()


def test_a_discrepancy_edited_in_the_admin_keeps_the_edit_summary(admin_client):
    from kbase.facts.models import Discrepancy

    fact = FactFactory()
    response = admin_client.post("/admin/facts/discrepancy/add/", {
        "slug": "year", "fact": fact.pk, "aspect": "date", "note_ko": "", "note_en": "Years differ",
        "edit_summary": "found while checking the editions",
        "statements-TOTAL_FORMS": "0", "statements-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    discrepancy = Discrepancy.objects.get()
    assert discrepancy.events.get().pgh_context.metadata["reason"] \
        == "found while checking the editions"


def test_admin_logins_lock_out_after_five_failures(client, django_user_model):
    django_user_model.objects.create_superuser("chief", "", "the-right-password-42")
    statuses = [client.post("/admin/login/", {"username": "chief", "password": "wrong"})
                .status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the account
    locked = client.post("/admin/login/", {"username": "chief",
                                            "password": "the-right-password-42"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def supersede_action(admin_client, facts, replacement):
    return admin_client.post(FACTS, {"action": "supersede", "apply": "Apply",
                                     "_selected_action": [fact.pk for fact in facts],
                                     "reason": "newer figures",
                                     "replacement": replacement.pk}, follow=True)


def test_the_supersede_action_offers_no_draft_as_replacement(admin_client):
    fact, draft = FactFactory(text_en="old figure"), FactFactory(status=Fact.Status.DRAFT)
    page = supersede_action(admin_client, [fact], draft).content.decode()
    assert "Select a valid choice" in page
    fact.refresh_from_db()
    assert (fact.status, fact.superseded_by) == (Fact.Status.PUBLISHED, None)


def test_the_supersede_action_shows_why_the_service_refused(admin_client):
    fact, other = FactFactory(text_en="old figure"), FactFactory(text_en="other figure")
    page = supersede_action(admin_client, [fact, other], other).content.decode()
    assert "1 fact(s) updated." in page
    assert "Other figure: A fact cannot supersede itself." in page
    fact.refresh_from_db()
    other.refresh_from_db()
    assert (fact.status, fact.superseded_by) == (Fact.Status.SUPERSEDED, other)
    assert other.status == Fact.Status.PUBLISHED


def test_an_editor_without_publish_rights_cannot_run_the_publish_action(
        client, editor_without_publish):
    fact = CitationFactory(fact=FactFactory(status=Fact.Status.REVIEW)).fact
    client.force_login(editor_without_publish.user)
    response = client.post(FACTS, {"action": "publish", "apply": "Apply",
                                   "_selected_action": [fact.pk], "reason": "checked"},
                           follow=True)
    assert response.status_code == 200
    assert "No action selected." in response.content.decode()
    fact.refresh_from_db()
    assert fact.status == Fact.Status.REVIEW


# --- Claim matching in the admin ---------------------------------------------------

EXPERTS_KO = "중앙일보 취재 결과 첨단 전문인력비자(E-7-S)로 국내에 체류 중인 전문가는 38명뿐이다."
EXPERTS_EN = ("Only 38 experts are currently residing in Korea under the E-7-S advanced "
              "talent visa, according to a JoongAng Ilbo investigation.")


@pytest.fixture
def editor_in_admin(client, editor):
    """The editor role's user, signed in to the admin."""
    editor.user.is_staff = True
    editor.user.save(update_fields=["is_staff"])
    client.force_login(editor.user)
    return client


@pytest.fixture
def recorded():
    """A recorded fact (a draft: editors compare against every status), embedded as
    its commit would."""
    fact = FactFactory(text_ko=EXPERTS_KO, text_en=EXPERTS_EN, status=Fact.Status.DRAFT)
    embeddings_write([(fact.pk, "ko", fact.text_ko), (fact.pk, "en", fact.text_en)],
                     model=embedder())
    return fact


def fact_form(**fields) -> dict:
    """The add or change form as an editor submits it, without citations."""
    return {"text_ko": "", "text_en": "", "text_ko_origin": "", "text_en_origin": "",
            "quantity_value": "", "quantity_unit": "", "quantity_qualifier": "",
            "as_of": "", "as_of_precision": "unknown", "period_start": "", "period_end": "",
            "review_by": "", "edit_summary": "", "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0", **fields}


@pytest.mark.parametrize("texts", [
    {"text_ko": "E-7-S 비자로 국내에 체류하는 전문가는 38명에 불과하다.",
     "text_ko_origin": "source"},
    {"text_en": "Just 38 experts live in Korea on the E-7-S talent visa.",
     "text_en_origin": "source"},
], ids=["korean", "english"])
def test_a_new_fact_that_reads_like_a_recorded_one_is_shown_it_before_it_is_kept(
        editor_in_admin, recorded, texts):
    held = editor_in_admin.post(f"{FACTS}add/", fact_form(**texts))
    assert held.status_code == 200
    assert Fact.objects.count() == 1
    page = held.content.decode()
    assert "This may be a fact already recorded. Nothing was saved" in page
    assert f'href="{FACTS}{recorded.pk}/change/" target="_blank"' in page
    assert "likely the same fact" in page
    assert 'type="checkbox" name="save_anyway"' in page
    kept = editor_in_admin.post(f"{FACTS}add/", fact_form(**texts, save_anyway="on"))
    assert kept.status_code == 302
    assert Fact.objects.count() == 2


def test_a_new_fact_unlike_any_recorded_is_kept_at_once_with_no_checkbox_shown(
        editor_in_admin, recorded):
    form = editor_in_admin.get(f"{FACTS}add/").content.decode()
    assert 'type="hidden" name="save_anyway"' in form
    response = editor_in_admin.post(f"{FACTS}add/", fact_form(
        text_en="Homegrown Korean mobility startup TADA was shut down by regulation.",
        text_en_origin="source"))
    assert response.status_code == 302
    assert Fact.objects.count() == 2


def test_the_change_form_lists_the_facts_nearest_to_it_in_either_language(
        editor_in_admin, recorded):
    english_only = FactFactory(text_en="Only 38 experts reside in Korea under the E-7-S visa.",
                               text_ko="", text_ko_origin="")
    page = editor_in_admin.get(f"{FACTS}{english_only.pk}/change/").content.decode()
    section = page.split('class="module aligned kbase-similar-facts"')[1]
    assert f'href="{FACTS}{recorded.pk}/change/"' in section.split("</li>")[0]
    assert "likely the same fact" in section.split("</li>")[0]
    assert f'{FACTS}{english_only.pk}/change/"' not in section


def test_a_change_is_held_only_when_it_changes_a_text(editor_in_admin, recorded):
    twin = FactFactory(text_en="Only 38 experts reside in Korea under the E-7-S visa.",
                       text_ko="", text_ko_origin="")
    unchanged = fact_form(text_en=twin.text_en, text_en_origin="translation",
                          loaded_version=twin.version, review_by="2030-01-01")
    assert editor_in_admin.post(f"{FACTS}{twin.pk}/change/", unchanged).status_code == 302
    twin.refresh_from_db()
    changed = {**unchanged, "loaded_version": twin.version,
               "text_en": "Only 40 experts reside in Korea under the E-7-S visa."}
    held = editor_in_admin.post(f"{FACTS}{twin.pk}/change/", changed)
    assert held.status_code == 200
    warning = held.content.decode().split("This may be a fact already recorded")[1]
    assert "the numbers differ" in warning.split("</ul>")[0]
    twin.refresh_from_db()
    assert twin.text_en == "Only 38 experts reside in Korea under the E-7-S visa."


def test_a_held_fact_costs_the_same_queries_for_one_likely_twin_or_three(
        editor_in_admin, recorded):
    texts = {"text_ko": "E-7-S 비자로 국내에 체류하는 전문가는 38명에 불과하다.",
             "text_ko_origin": "source"}

    def held_queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            held = editor_in_admin.post(f"{FACTS}add/", fact_form(**texts))
        assert held.status_code == 200
        return len(queries), held.content.decode()

    held_queries()  # the process's first admin form looks its content types up once
    one, page = held_queries()
    assert page.count(f'{FACTS}{recorded.pk}/change/" target="_blank"') == 1
    for _ in range(2):
        twin = FactFactory(text_ko=EXPERTS_KO, text_en=EXPERTS_EN, status=Fact.Status.DRAFT)
        CitationFactory(fact=twin)
        embeddings_write([(twin.pk, "ko", twin.text_ko), (twin.pk, "en", twin.text_en)],
                         model=embedder())
    three, page = held_queries()
    assert page.count("likely the same fact") == 3
    assert three == one
    assert Fact.objects.count() == 3
