"""Reading facts: visibility, language negotiation, paging, sparse fields, ETags."""

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import orjson
import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from kbase.facts import selectors
from kbase.facts.indexing import fact_search_refresh
from kbase.facts.models import Fact, Topic
from kbase.facts.representation_sql import Part, fact_keys
from kbase.facts.services import discrepancy_create
from kbase.sources.services import source_update
from tests.factories import (
    CitationFactory,
    FactFactory,
    SourceFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FACTS = "/api/v1/facts/"


def detail(fact) -> str:
    return f"{FACTS}{fact.public_id}/"


def make_cited_facts(count: int) -> list[Fact]:
    return [CitationFactory(fact=FactFactory()).fact for _ in range(count)]


def test_anonymous_clients_see_published_facts_only(api):
    published = FactFactory()
    draft = FactFactory(status=Fact.Status.DRAFT)
    ids = [item["id"] for item in api.get(FACTS).json()["results"]]
    assert ids == [str(published.public_id)]
    response = api.get(detail(draft))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_readers_see_drafts(reader):
    draft = FactFactory(status=Fact.Status.DRAFT)
    assert reader.get(detail(draft)).status_code == 200


@pytest.mark.parametrize("count", [1, 100])
def test_the_list_costs_the_same_queries_for_1_or_100_facts(api, count,
                                                            django_assert_num_queries):
    make_cited_facts(count)
    # One: the facts, with topics, entities and citations built as JSON beside them.
    with django_assert_num_queries(1):
        response = api.get(f"{FACTS}?page_size=200")
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [1, 100])
def test_a_filtered_list_costs_the_same_queries_for_1_or_100_facts(
        api, count, django_assert_num_queries):
    topic = TopicFactory(slug="talent-visas")
    for fact in make_cited_facts(count):
        fact.topics.add(topic)
    # Two: the topic named (an unknown one is a 400), then the page as above.
    with django_assert_num_queries(2):
        response = api.get(FACTS, {"page_size": 200, "topic": "talent-visas"})
    assert len(response.json()["results"]) == count


def prepared_statements() -> list[str]:
    """The statements PostgreSQL holds prepared for this (the test client's) connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_the_unfiltered_list_is_a_prepared_statement_that_answers_the_same(api):
    make_cited_facts(3)
    first = api.get(FACTS, {"page_size": 2})
    # psycopg prepares a statement on its fifth run on a connection.
    answers = [api.get(FACTS, {"page_size": 2}).content for _ in range(6)]
    assert answers == [first.content] * 6
    next_page = first.json()["next"]
    later = [api.get(next_page).json() for _ in range(6)]
    assert [item["id"] for item in later[-1]["results"]] == [
        item["id"] for item in later[0]["results"]] and len(later[0]["results"]) == 1
    assert any('json_build_object' in statement and "facts_fact" in statement
               for statement in prepared_statements())


def test_the_unfiltered_list_is_planned_once(api):
    make_cited_facts(60)
    for _ in range(14):
        assert len(api.get(FACTS, {"page_size": 50}).json()["results"]) == 50
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                       "WHERE statement LIKE '%json_build_object%facts_fact%'")
        (generic, custom), = cursor.fetchall()
    # psycopg prepares the statement on its sixth run; PostgreSQL plans the first
    # five runs of that for their values, then keeps a generic plan if it is as good
    # (a LIMIT bound as a parameter made it plan every run for its values).
    assert generic > 0, (generic, custom)


def test_the_browsable_api_pages_through_the_list(api):
    facts = make_cited_facts(3)
    response = api.get(FACTS, {"page_size": 2}, HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert str(facts[-1].public_id) in response.content.decode()
    assert "cursor=" in response.content.decode()  # the next page's link


def test_a_filtered_browsable_list_still_offers_every_filter(api):
    # The list filters with only the filters a request names; its form offers all.
    fact = make_cited_facts(1)[0]
    fact.topics.add(TopicFactory(slug="talent-visas"))
    response = api.get(FACTS, {"topic": "talent-visas"}, HTTP_ACCEPT="text/html")
    page = response.content.decode()
    assert response.status_code == 200 and str(fact.public_id) in page
    for name in ("topic", "as_of_after", "source_url", "has_discrepancy", "quantity_min"):
        assert f'name="{name}"' in page, name


def test_the_fact_page_is_a_prepared_statement_that_answers_the_same(api):
    fact = make_cited_facts(1)[0]
    first = api.get(detail(fact), {"lang": "ko"})
    assert [api.get(detail(fact), {"lang": "ko"}).content for _ in range(6)] == [
        first.content] * 6
    assert api.get(detail(fact)).json()["language"] == "en"
    assert any("kbase_fact_page_json" in statement for statement in prepared_statements())


def test_a_filtered_list_is_planned_for_its_own_values(api):
    # A prepared statement may settle on one generic plan; a topic or date filter's
    # best plan depends on how many facts its values match.
    fact = make_cited_facts(1)[0]
    topic = TopicFactory(slug="talent-visas")
    fact.topics.add(topic)
    for _ in range(7):
        assert len(api.get(FACTS, {"topic": "talent-visas"}).json()["results"]) == 1
    # The topic filter's semi-join, as the ORM writes it (the representation's own
    # topics subquery names the table unquoted).
    assert not [statement for statement in prepared_statements()
                if 'JOIN "facts_fact_topics"' in statement]


def test_the_detail_costs_a_fixed_number_of_queries(api, django_assert_num_queries):
    fact = make_cited_facts(1)[0]
    citations = CitationFactory.create_batch(5, fact=fact)
    for n in range(3):
        discrepancy_create(slug=f"d{n}", fact=fact, aspect="number",
                           statements=[(citations[n].source, "38")])
    # One: the fact with everything its page shows, discrepancies and chain included.
    with django_assert_num_queries(1):
        response = api.get(detail(fact))
    assert len(response.json()["citations"]) == 6
    assert len(response.json()["discrepancies"]) == 3


def test_it_serves_the_requested_language(api):
    fact = FactFactory(text_ko="한국어 문장", text_en="An English sentence")
    body = api.get(detail(fact), {"lang": "ko"}).json()
    assert (body["text"], body["language"], body["fallback"]) == ("한국어 문장", "ko", False)
    assert body["text_ko"] == "한국어 문장" and body["text_en"] == "An English sentence"


def test_it_serves_english_when_korean_is_missing_and_says_so(api):
    fact = FactFactory(text_ko="", text_en="Only English")
    response = api.get(detail(fact), {"lang": "ko"})
    body = response.json()
    assert (body["text"], body["language"], body["fallback"]) == ("Only English", "en", True)
    assert response["Content-Language"] == "ko"


def test_it_negotiates_from_accept_language(api):
    fact = FactFactory(text_ko="한국어 문장", text_en="English")
    response = api.get(detail(fact), HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9,en;q=0.8")
    assert response.json()["language"] == "ko"
    assert response["Content-Language"] == "ko"
    assert "Accept-Language" in response["Vary"]


def test_accept_language_quality_values_are_honoured(api):
    fact = FactFactory(text_ko="한국어 문장", text_en="English")
    response = api.get(detail(fact), HTTP_ACCEPT_LANGUAGE="ko;q=0.3, en;q=0.9, fr")
    assert response.json()["language"] == "en"


def test_the_lang_parameter_beats_accept_language(api):
    fact = FactFactory(text_ko="한국어 문장", text_en="English")
    response = api.get(detail(fact), {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert response.json()["language"] == "en"


def test_an_unsupported_lang_answers_400_naming_it(api):
    response = api.get(FACTS, {"lang": "fr"})
    assert response.status_code == 400
    assert "lang" in response.json()["errors"]


def test_sparse_fieldsets_keep_only_the_named_fields(api):
    FactFactory()
    item = api.get(FACTS, {"fields": "id,text,fallback"}).json()["results"][0]
    assert set(item) == {"id", "text", "fallback"}


def test_the_brief_representation_is_for_embedding(api):
    FactFactory()
    item = api.get(FACTS, {"brief": "true"}).json()["results"][0]
    assert set(item) == {"id", "url", "text", "language", "fallback", "status"}


def test_cursor_pages_neither_repeat_nor_skip_while_facts_are_added(api):
    facts = make_cited_facts(5)
    first = api.get(FACTS, {"page_size": 2}).json()
    FactFactory()  # a new fact arrives between page requests
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    seen = [item["id"] for page in (first, second, third) for item in page["results"]]
    assert seen == [str(fact.public_id) for fact in reversed(facts)]


@pytest.mark.parametrize("ordering", ["-created_at", "updated_at"])
def test_cursor_pages_walk_forward_and_back_through_facts_sharing_a_moment(api, ordering):
    facts = make_cited_facts(6)
    moment = timezone.now() - timedelta(days=1)
    Fact.objects.filter(pk__in=[fact.pk for fact in facts[1:4]]).update(
        created_at=moment, updated_at=moment)
    expected = [str(public_id) for public_id in Fact.objects.order_by(
        ordering, f"{'-' if ordering.startswith('-') else ''}id").values_list(
            "public_id", flat=True)]
    pages = [api.get(FACTS, {"page_size": 2, "ordering": ordering}).json()]
    while pages[-1]["next"] and len(pages) < 6:  # bounded: a broken cursor may loop
        pages.append(api.get(pages[-1]["next"]).json())
    assert [item["id"] for page in pages for item in page["results"]] == expected
    assert len(pages) == 3
    back = [pages[-1]]
    while back[-1]["previous"] and len(back) < 6:
        back.append(api.get(back[-1]["previous"]).json())
    assert [item["id"] for page in reversed(back) for item in page["results"]] == expected


@pytest.mark.parametrize("page_size", ["0", "201", "abc", "-1", "1e3", "", "²"])
def test_a_page_size_outside_1_to_200_answers_400(api, page_size):
    response = api.get(FACTS, {"page_size": page_size})
    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_the_largest_page_is_200(api):
    make_cited_facts(3)
    assert api.get(FACTS, {"page_size": 200}).status_code == 200


@pytest.mark.parametrize("cursor", [
    "garbage", "cD0yMDI1", "!!!", "bz0xMDAwMDAwMDAwMDAwMDAwMDAwMDA=", "cD0yMDI1:forged"])
def test_a_malformed_cursor_answers_400(api, cursor):
    response = api.get(FACTS, {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_ordering_accepts_the_whitelist(api):
    older, newer = FactFactory(), FactFactory()
    ids = [item["id"] for item in api.get(FACTS, {"ordering": "created_at"}).json()["results"]]
    assert ids == [str(older.public_id), str(newer.public_id)]


@pytest.mark.parametrize("ordering", ["text_en", "password", "-created_by__password", ""])
def test_ordering_outside_the_whitelist_answers_400(api, ordering):
    response = api.get(FACTS, {"ordering": ordering or ","})
    assert response.status_code == 400
    assert "ordering" in response.json()["errors"]


def test_the_detail_carries_a_strong_etag_and_answers_304(api):
    fact = FactFactory()
    first = api.get(detail(fact))
    etag = first["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = api.get(detail(fact), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("sent", ["W/{etag}", "{etag}, W/\"9.0000000000\"", "*"])
def test_if_none_match_compares_weakly_and_takes_a_star(api, sent):
    fact = FactFactory()
    etag = api.get(detail(fact))["ETag"]
    again = api.get(detail(fact), HTTP_IF_NONE_MATCH=sent.format(etag=etag))
    assert again.status_code == 304
    assert again["ETag"] == etag


def test_an_etag_of_another_version_is_answered_in_full(api):
    fact = FactFactory()
    etag = api.get(detail(fact))["ETag"]
    version, variant = etag.strip('"').split(".")
    stale = f'"{int(version) - 1}.{variant}", W/"{int(version) + 1}.{variant}"'
    response = api.get(detail(fact), HTTP_IF_NONE_MATCH=stale)
    assert response.status_code == 200
    assert response.json()["id"] == str(fact.public_id)


@pytest.mark.parametrize("query", [{}, {"fields": "id,citations"}])
def test_renaming_a_cited_source_changes_the_facts_etag(api, query):
    # The fact's version counts writes to the fact and its citations, not to what
    # they cite: a 304 here would leave the client with the old title.
    citation = CitationFactory(fact=FactFactory())
    etag = api.get(detail(citation.fact), query)["ETag"]
    source_update(source=citation.source, title_ko="새 제목", title_en="A new title")
    response = api.get(detail(citation.fact), query, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["citations"][0]["source"]["title"] in {"새 제목", "A new title"}
    assert response["ETag"] != etag


def test_the_etag_differs_between_languages(api):
    fact = FactFactory()
    assert api.get(detail(fact), {"lang": "ko"})["ETag"] != api.get(detail(fact))["ETag"]


def test_the_detail_shows_provenance(api):
    citation = CitationFactory(fact=FactFactory(), quote="정확한 인용", locator="paragraph 3")
    body = api.get(detail(citation.fact)).json()
    cited = body["citations"][0]
    assert cited["quote"] == "정확한 인용" and cited["locator"] == "paragraph 3"
    assert cited["source"]["publisher"]["slug"] == citation.source.publisher.slug
    assert body["discrepancies"] == []


def test_the_representation_carries_the_number_check(api):
    fact = FactFactory(text_ko="법무부가 2023년 도입한 비자", text_en="introduced last year")
    check = api.get(detail(fact)).json()["number_check"]
    assert check["consistent"] is False
    assert check["only_in_korean"] == ["2023"]


def test_the_detail_shows_the_superseded_chain_both_ways(api):
    from kbase.facts.services import fact_supersede

    first, second, third = FactFactory(), FactFactory(), FactFactory()
    fact_supersede(fact=first, replacement=second, reason="newer")
    fact_supersede(fact=second, replacement=third, reason="newer still")
    chain = api.get(detail(second)).json()["supersession"]
    assert chain == {"earlier": [str(first.public_id)], "later": [str(third.public_id)]}
    assert api.get(detail(first)).json()["supersession"]["later"] == [
        str(second.public_id), str(third.public_id)]


def test_a_retracted_fact_stays_readable_by_its_link_but_leaves_the_list(api):
    fact = FactFactory(status=Fact.Status.RETRACTED, status_reason="corrected")
    assert api.get(detail(fact)).json()["status"] == "retracted"
    assert api.get(FACTS).json()["results"] == []


@pytest.mark.parametrize("who", ["anonymous", "reader"])
def test_a_fact_page_is_the_row_of_the_fact_pages_query(who):
    # fact_page() runs the fact pages' query compiled once (with stand-in values):
    # for every status, reader and language it answers that query's row, or nothing.
    user = AnonymousUser()
    if who == "reader":
        user = UserFactory()
        user.user_permissions.add(Permission.objects.get(codename="view_fact"))
    facts = [CitationFactory(fact=FactFactory(status=status)).fact
             for status in Fact.Status.values if status != Fact.Status.SUPERSEDED]
    facts.append(FactFactory(status=Fact.Status.SUPERSEDED, superseded_by=facts[0]))
    for language in ("ko", "en"):
        rows = {row["id"]: {key: row[key] for key in ("id", "version", "json")}
                for row in selectors.fact_rows(user=user, language=language, part=Part.PAGE,
                                               include_withdrawn=True)}
        for fact in facts:
            page = selectors.fact_page(user=user, public_id=fact.public_id, language=language)
            expected = rows.get(fact.pk)
            assert page == expected, (fact.status, language)
            assert page is None or orjson.loads(page["json"])["id"] == str(fact.public_id)
        visible = {fact.status for fact in facts if fact.pk in rows}
        assert visible == (set(Fact.Status.values) if who == "reader"
                           else {"published", "retracted", "superseded"})
    assert selectors.fact_page(user=user, public_id=uuid.uuid4(), language="en") is None


@pytest.mark.parametrize("language", ["ko", "en"])
def test_every_representation_is_the_page_cut_to_its_keys(language):
    """One table of keys builds every representation: the list's, the brief one
    and a sparse fieldset are the page's keys in the page's order, same values."""
    call_command("load_seed", verbosity=0)
    fact_search_refresh(fact_ids=Fact.objects.values_list("pk", flat=True))

    def rows(**kwargs) -> dict[int, dict]:
        return {row["id"]: orjson.loads(row["json"]) for row in selectors.fact_rows(
            user=None, language=language, include_withdrawn=True, **kwargs)}

    pages = rows(part=Part.PAGE)
    assert len(pages) == Fact.objects.count() > 30
    assert any(item["discrepancies"] for item in pages.values())
    for part, kwargs in ((Part.WHOLE, {}), (Part.BRIEF, {}),
                         (Part.PAGE, {"fields": {"url", "citations", "nonsense"}})):
        keys = [key.name for key in fact_keys(part, kwargs.get("fields"))]
        cut = {pk: {key: page[key] for key in keys} for pk, page in pages.items()}
        built = rows(part=part, **kwargs)
        assert built == cut
        assert all(list(item) == keys for item in built.values())


@pytest.mark.parametrize("language", ["ko", "en"])
def test_the_representation_states_each_rule(language):
    """Fallbacks (a name, a title, a text missing in one language), possibly stale
    texts, decimals, times and links, as the API serves them."""
    source = SourceFactory(language="ko", title_ko="", title_en="Only EN")
    fact = CitationFactory(source=source, fact=FactFactory(text_ko="", text_en="Only English")).fact
    fact.topics.add(Topic.objects.create(slug="only-ko", name_ko="한국어만", name_en=""))
    now = timezone.now()
    stale = FactFactory(text_ko_changed_at=now - timedelta(days=2), text_en_changed_at=now)
    later = FactFactory(status=Fact.Status.PUBLISHED)
    Fact.objects.filter(pk=fact.pk).update(
        status=Fact.Status.SUPERSEDED, superseded_by=later,
        published_at=datetime(2025, 7, 10, 4, 30, tzinfo=UTC), quantity_value=Decimal("1.50"),
        quantity_unit="percent", quantity_qualifier="exact")
    rows = {row["id"]: orjson.loads(row["json"]) for row in selectors.fact_rows(
        user=None, language=language, include_withdrawn=True, part=Part.PAGE)}
    item = rows[fact.pk]
    assert (item["text"], item["language"], item["fallback"]) == (
        "Only English", "en", language == "ko")
    assert item["url"] == f"/api/v1/facts/{fact.public_id}/"
    assert item["topics"][0]["name"] == "한국어만"
    assert item["citations"][0]["source"]["title"] == "Only EN"
    assert item["quantity"] == {"value": "1.5", "unit": "percent", "qualifier": "exact"}
    assert item["published_at"] == "2025-07-10T04:30:00+00:00"
    assert item["superseded_by"] == str(later.public_id)
    assert item["supersession"] == {"earlier": [], "later": [str(later.public_id)]}
    assert rows[later.pk]["supersession"] == {"earlier": [str(fact.public_id)], "later": []}
    assert rows[stale.pk]["possibly_stale"] == ["ko"]
    assert rows[later.pk]["possibly_stale"] == []


def test_every_migrate_installs_the_fact_pages_sql_function_from_the_running_code(api):
    fact = FactFactory(status=Fact.Status.PUBLISHED, text_en="Installed again")
    with connection.cursor() as cursor:
        cursor.execute("DROP FUNCTION kbase_fact_page_json(bigint, text)")
    call_command("migrate", verbosity=0)
    response = api.get(f"/api/v1/facts/{fact.public_id}/")
    assert response.status_code == 200
    assert response.json()["text"] == "Installed again"
