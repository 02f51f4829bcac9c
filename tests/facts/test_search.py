"""Bilingual full-text search, through the API as clients use it."""

import contextlib
import re

import pgtrigger
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kbase.core.search import (
    CODE,
    english_document,
    korean_token_spans,
    korean_tokens,
    parse_query,
    search_condition,
)
from kbase.facts import search, selectors, services
from kbase.facts.api import docs
from kbase.facts.models import Fact, FactSearchDocument
from tests.factories import EntityFactory, SourceFactory

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"


def publish(text_ko="", text_en="", *, quote="인용문", source=None, entities=(), status=None):
    fact = services.fact_create(text_ko=text_ko, text_en=text_en, entities=entities)
    services.citation_create(fact=fact, source=source or SourceFactory(), quote=quote)
    if status != Fact.Status.DRAFT:
        fact = services.fact_publish(fact=fact, reason="test")
    return fact


def found(client, q, **params) -> list[str]:
    response = client.get(SEARCH, {"q": q, **params})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def pid(*facts) -> list[str]:
    return [str(fact.public_id) for fact in facts]


@pytest.mark.parametrize("text", ["AI 인재가 해외로 떠난다", "AI 인재를 유치한다",
                                  "AI 인재들이 모인다"])
def test_a_korean_noun_finds_it_whatever_particle_follows(api, text):
    fact = publish(text_ko=text)
    publish(text_ko="반도체 수출이 늘었다")
    assert found(api, "인재") == pid(fact)


def test_a_korean_stem_finds_its_inflected_forms(api):
    fact = publish(text_ko="인재가 해외로 유출되고 있다")
    assert found(api, "유출") == pid(fact)
    assert found(api, "유출되는") == pid(fact)


def test_english_is_stemmed(api):
    fact = publish(text_en="Japan is aggressively recruiting AI founders")
    publish(text_en="Semiconductor exports rose")
    assert found(api, "recruit") == pid(fact)
    assert found(api, "recruitment") == pid(fact)


def test_numbers_are_found_with_or_without_separators(api):
    fact = publish(text_en="China has more than 4,700 AI companies",
                   text_ko="중국 AI 기업은 4700개 이상이다")
    assert found(api, "4700") == pid(fact)
    assert found(api, "4,700") == pid(fact)


def test_codes_are_kept_whole(api):
    fact = publish(text_ko="E-7-S 비자로 체류 중인 전문가는 38명뿐이다",
                   text_en="Only 38 experts reside in Korea under the E-7-S visa")
    publish(text_en="Route E-7 closed on Sunday")
    assert found(api, "E-7-S") == pid(fact)
    assert korean_tokens("E-7-S 비자") == ["e7s", "비자"]


# The code pattern as it was: tried at every position of a run of letters and digits,
# it read the run to its end each time (found by the fuzz tests: a quote of 10,000
# zeros took 3 s of CPU to index, and so did every later edit of its fact).
QUADRATIC_CODE = re.compile(r"[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)+|\d{1,3}(?:,\d{3})+")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0a9Z-.,  ", max_size=40))
@example("12,345a-b")  # a code that starts where a number with separators ends
@example("1,234,567.8-x 0.5")
def test_codes_are_found_where_the_quadratic_pattern_found_them(text):
    assert [m.span() for m in CODE.finditer(text)] == \
        [m.span() for m in QUADRATIC_CODE.finditer(text)]


def test_a_long_run_of_digits_is_one_token():
    assert english_document("0" * 10_000) == "0" * 10_000
    # Codes are found where they were: after a number with separators too.
    assert english_document("12,345a-b, E-7-S and 1.5") == "12345ab, e7s and 1.5"


def test_a_korean_alias_finds_a_fact_written_only_in_english(api):
    deepseek = EntityFactory(slug="deepseek", name_ko="딥시크", name_en="DeepSeek",
                             aliases_en=["DeepSeek AI"])
    fact = publish(text_en="The Chinese model shook the AI industry", entities=[deepseek])
    publish(text_en="An unrelated fact about chips")
    assert found(api, "딥시크") == pid(fact)
    assert found(api, "DeepSeek") == pid(fact)


def test_quoted_phrases_keep_word_order(api):
    phrase = publish(text_en="Korea faces a brain drain in AI")
    publish(text_en="The drain took the brain of the city")
    assert found(api, '"brain drain"') == pid(phrase)


def test_minus_excludes_a_word_in_either_language(api):
    korea = publish(text_en="AI talent leaves Korea", text_ko="AI 인재가 한국을 떠난다")
    publish(text_en="AI talent flocks to China", text_ko="AI 인재가 중국으로 몰린다")
    assert found(api, "AI -China") == pid(korea)
    assert found(api, "인재 -중국") == pid(korea)


def test_or_finds_either(api):
    japan = publish(text_en="Japan offers housing subsidies")
    israel = publish(text_en="Israel ranks second")
    publish(text_en="India ranks first")
    assert sorted(found(api, "Japan OR Israel")) == sorted(pid(japan, israel))


def test_a_match_in_the_fact_text_ranks_above_a_match_in_a_quote(api):
    in_quote = publish(text_en="A statement about investment", quote="microwave ovens")
    in_text = publish(text_en="The government gave the startup a microwave")
    assert found(api, "microwave") == pid(in_text, in_quote)


def test_the_best_match_comes_first_however_old(api):
    best = publish(text_en="Microwave makers sold more microwave ovens than any microwave")
    newer = publish(text_en="A statement about investment", quote="a microwave")
    assert found(api, "microwave") == pid(best, newer)
    assert found(api, "microwave", fields="id") == pid(best, newer)


def test_pages_of_results_follow_one_another_best_first(api):
    for n in range(25):
        publish(text_en=" ".join(["microwave"] * (n % 5 + 1)) + f" number {n}")
    whole = api.get(SEARCH, {"q": "microwave", "page_size": 25}).json()["results"]
    pages, url = [], f"{SEARCH}?q=microwave&page_size=10"
    while url:
        body = api.get(url).json()
        assert body["count"] == 25
        pages += body["results"]
        url = body["next"]
    assert [result["id"] for result in pages] == [result["id"] for result in whole]
    assert len({result["id"] for result in pages}) == 25
    ranks = [result["rank"] for result in pages]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] > ranks[-1]


def test_search_ranks_the_most_recent_matches_only(api, monkeypatch):
    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 2)
    best_but_oldest = publish(text_en="microwave microwave microwave")
    newer = [publish(text_en="A microwave", quote=f"quote {n}") for n in range(2)]
    response = api.get(SEARCH, {"q": "microwave"})
    assert response.json()["count"] == 2
    assert set(found(api, "microwave")) == set(pid(*newer))
    assert str(best_but_oldest.public_id) in found(api, "microwave -quote")


def test_korean_highlights_mark_the_whole_word(api):
    publish(text_ko="AI 인재를 유치하기 위해 비자를 준다", text_en="")
    result = api.get(SEARCH, {"q": "인재", "lang": "ko"}).json()["results"][0]
    assert result["highlight"] == "AI <mark>인재를</mark> 유치하기 위해 비자를 준다"


@pytest.mark.parametrize(("q", "marked"), [
    ("전문가", "E-7-S 비자로 체류 중인 <mark>전문가는</mark> 38명뿐"),
    ("비자", "E-7-S <mark>비자로</mark> 체류 중인 전문가는 38명뿐"),
])
def test_korean_highlights_after_a_code_mark_the_word_that_matched(api, q, marked):
    # The text after a code is analysed on its own, starting with a space.
    publish(text_ko="E-7-S 비자로 체류 중인 전문가는 38명뿐", text_en="")
    result = api.get(SEARCH, {"q": q, "lang": "ko"}).json()["results"][0]
    assert result["highlight"] == marked


def test_korean_highlights_escape_html_in_and_around_the_marked_words(api):
    publish(text_ko="<b>AI</b> 인재&연구자를 \"유치\"한다 'R&D' 인재", text_en="")
    result = api.get(SEARCH, {"q": "인재", "lang": "ko"}).json()["results"][0]
    assert result["highlight"] == (
        "&lt;b&gt;AI&lt;/b&gt; <mark>인재&amp;연구자를</mark> &quot;유치&quot;한다 "
        "&#x27;R&amp;D&#x27; <mark>인재</mark>")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("인재를 유치한다E-7-S 38명뿐AI,.\t\n\r\x0b\x0c\u3000\xa0"),
               max_size=40))
def test_every_korean_token_span_lies_on_the_text_it_came_from(text):
    previous_end = 0
    for _token, start, end in korean_token_spans(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end


def test_a_page_of_korean_results_costs_the_same_queries_for_1_or_20_results(api):
    def queries_for_a_page() -> int:
        api.get(SEARCH, {"q": "인재", "lang": "ko"})  # the ranking statement compiled
        with CaptureQueriesContext(connection) as queries:
            response = api.get(SEARCH, {"q": "인재", "lang": "ko"})
        assert all("<mark>" in result["highlight"] for result in response.json()["results"])
        return len(queries)

    publish(text_ko="인재를 유치한다")
    one = queries_for_a_page()
    for n in range(19):
        publish(text_ko=f"인재 {n}명이 떠났다")
    assert queries_for_a_page() == one


def test_a_korean_highlight_follows_an_edit_of_the_text(api):
    fact = publish(text_ko="인재를 유치한다", text_en="")
    services.fact_update(fact=fact, text_ko="해외 인재가 떠난다", reason="test")
    result = api.get(SEARCH, {"q": "인재", "lang": "ko"}).json()["results"][0]
    assert result["highlight"] == "해외 <mark>인재가</mark> 떠난다"


def test_the_public_page_highlights_korean_results(client):
    publish(text_ko="E-7-S 비자로 체류 중인 전문가는 38명뿐", text_en="")
    page = client.get("/", {"q": "전문가"}, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "중인 <mark>전문가는</mark> 38명뿐" in page


@pytest.mark.parametrize("text", [" 인재를 유치", "\t인재를 유치", "\r\n 인재를 유치"])
def test_korean_token_spans_hold_their_place_after_leading_whitespace(text):
    assert [(token, text[start:end]) for token, start, end in korean_token_spans(text)] == \
        [("인재", "인재"), ("유치", "유치")]


def test_english_highlights_mark_the_stemmed_match_and_escape_html(api):
    publish(text_en="Recruiting <b>AI</b> founders")
    result = api.get(SEARCH, {"q": "recruit", "lang": "en"}).json()["results"][0]
    assert result["highlight"] == "<mark>Recruiting</mark> &lt;b&gt;AI&lt;/b&gt; founders"


@pytest.mark.parametrize(("q", "marked"), [
    ("E-7-S", "Only 38 experts under the <mark>E-7-S</mark> visa (<mark>e-7-s</mark>)"),
    ("e-7-s visa", "Only 38 experts under the <mark>E-7-S</mark> <mark>visa</mark> "
                   "(<mark>e-7-s</mark>)"),
    # A number with separators is one word to the search, two to ts_headline.
    ("38,000", "<mark>38,000</mark> experts, 1.5 percent (e-7-s)"),
])
def test_english_highlights_mark_a_code_the_query_names(api, q, marked):
    # PostgreSQL's English parser splits E-7-S into e, -7 and s, so ts_headline never
    # marks the code a search matched.
    publish(text_en="Only 38 experts under the E-7-S visa (e-7-s)" if "E" in q.upper()
            else "38,000 experts, 1.5 percent (e-7-s)")
    results = api.get(SEARCH, {"q": q, "lang": "en"}).json()["results"]
    assert [result["highlight"] for result in results] == [marked]


@pytest.mark.parametrize(("q", "marked"), [
    ("1.5", "Exports rose <mark>1.5</mark> percent"),
    ("1.5%", "Exports rose <mark>1.5</mark> percent"),
    ("rose 1.5", "Exports <mark>rose</mark> <mark>1.5</mark> percent"),
])
def test_a_decimal_finds_and_marks_the_english_text_that_has_it(api, q, marked):
    # One word to PostgreSQL's English parser, so ts_headline marks it: once.
    wanted = publish(text_en="Exports rose 1.5 percent", text_ko="")
    publish(text_en="Exports rose 1 percent in 5 months", text_ko="")
    results = api.get(SEARCH, {"q": q, "lang": "en"}).json()["results"]
    assert [(result["id"], result["highlight"]) for result in results] == \
        [(str(wanted.public_id), marked)]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_page_of_results_is_the_same_built_whole_or_field_by_field(api, lang):
    # Whole or with `fields`, PostgreSQL builds each result (the sparse one from the
    # same table of keys) and the highlight and rank are joined on. A fact missing
    # the asked language is served, and highlighted, in the other.
    publish(text_ko="AI 인재를 유치한다", text_en="Recruiting <b>AI</b> talent")
    publish(text_ko="인재 유출이 늘었다", text_en="")
    publish(text_ko="", text_en="Talent & skills")
    query = {"q": "인재 OR talent", "lang": lang}
    whole = api.get(SEARCH, query).json()
    named = api.get(SEARCH, {**query, "fields": ",".join(whole["results"][0])}).json()
    assert whole == named and whole["count"] == 3
    assert {result["language"] for result in whole["results"]} == {"ko", "en"}
    assert all("<mark>" in result["highlight"] for result in whole["results"])


def test_a_page_of_results_is_ranked_by_a_prepared_statement(api):
    publish(text_en="Recruiting AI talent")
    # psycopg prepares a statement on its fifth run on a connection.
    answers = [api.get(SEARCH, {"q": "talent"}).content for _ in range(6)]
    assert answers == [answers[0]] * 6
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert [statement for statement in prepared if "json_build_object" in statement]
    # The candidates' plan depends on how many facts the words match: never prepared.
    assert not [statement for statement in prepared if "LIMIT 200" in statement]


def test_results_of_equal_rank_come_newest_first(api):
    older, newer = (publish(text_en=f"A microwave, model {n}") for n in range(2))
    best = publish(text_en="A microwave beside a microwave")
    newest = publish(text_en="A microwave, model 2")
    # A page at a time: which facts a page holds is decided before its statement runs.
    pages = [found(api, "microwave", page_size=1, page=page) for page in range(1, 5)]
    assert pages == [pid(best), pid(newest), pid(newer), pid(older)]


def test_a_page_of_results_builds_the_representation_of_its_own_facts_only(api):
    facts = [publish(text_en=" ".join(["microwave"] * (n % 5 + 1)) + f" number {n}")
             for n in range(25)]
    statements: list[tuple[str, list]] = []

    def record(execute, sql, params, many, context):
        statements.append((sql, list(params or [])))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        body = api.get(SEARCH, {"q": "microwave", "page_size": 10, "page": 2}).json()
    assert body["count"] == 25 and len(body["results"]) == 10
    # The ranking statement is given the page's ten facts, of the 25 candidates.
    (ranking,) = [params for sql, params in statements if "json_build_object" in sql]
    (given,) = [param for param in ranking if isinstance(param, str) and param[:1] == "{"]
    by_pk = {fact.pk: str(fact.public_id) for fact in facts}
    assert [by_pk[int(pk)] for pk in given.strip("{}").split(",")] == [
        result["id"] for result in body["results"]]


def test_drafts_are_not_found_by_anonymous_clients(api, reader):
    draft = publish(text_en="A draft about microwaves", status=Fact.Status.DRAFT)
    assert found(api, "microwave") == []
    assert found(reader, "microwave") == pid(draft)


def test_the_facts_list_takes_q_too(api):
    fact = publish(text_ko="인재 유출")
    publish(text_ko="반도체")
    ids = [item["id"] for item in api.get("/api/v1/facts/", {"q": "인재"}).json()["results"]]
    assert ids == pid(fact)


def test_an_empty_q_is_ignored_on_lists(api):
    publish(text_ko="인재 유출")
    assert len(api.get("/api/v1/facts/", {"q": "   "}).json()["results"]) == 1


@pytest.mark.parametrize("q", ["", "   ", "\x1f\x1f", "\ufeff"])
def test_an_empty_search_answers_400(api, q):
    response = api.get(SEARCH, {"q": q})
    assert response.status_code == 400
    assert "q" in response.json()["errors"]


def test_the_schema_says_which_searches_are_empty():
    """Found by fuzzing: the schema let through what the server calls empty."""
    pattern = re.compile(docs.QUERY_PATTERN)
    assert not any(pattern.search(q) for q in ["", "   ", "\x1f\x1f", "\x85", "\u3000", "\ufeff"])
    assert all(pattern.search(q) for q in ["인재", "a", " x "])


def test_an_overlong_query_answers_400(api):
    for url in (SEARCH, "/api/v1/facts/", "/api/v1/sources/"):
        response = api.get(url, {"q": "인재 " * 200})
        assert response.status_code == 400, url
        assert "q" in response.json()["errors"]


@pytest.mark.parametrize("q", ["&", "|", "!", ":", "*", "(", ")", "'", '"', "& | ! : * ( ) ' \"",
                               "인재 & !", "a:*", "'; DROP TABLE facts_fact; --", '"unclosed',
                               "-", "OR", "OR OR", "- -", "(인재)"])
def test_operators_and_punctuation_never_cause_an_error(api, q):
    publish(text_ko="인재 유출")
    assert api.get(SEARCH, {"q": q}).status_code == 200
    assert api.get("/api/v1/facts/", {"q": q}).status_code == 200


def test_sources_are_searchable_by_title(api):
    wanted = SourceFactory(title_ko="중국은 AI 굴기, 한국은 AI 인재 유출", title_en="")
    SourceFactory(title_ko="반도체 수출", title_en="")
    call_command("rebuild_search_index")
    ids = [item["id"] for item in api.get("/api/v1/sources/", {"q": "인재"}).json()["results"]]
    assert ids == [wanted.pk]


def test_rebuilding_the_index_restores_search(api):
    fact = publish(text_ko="인재 유출")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM facts_factsearchdocument")
    assert found(api, "인재") == []
    call_command("rebuild_search_index")
    assert found(api, "인재") == pid(fact)


def test_a_wider_window_walks_only_the_facts_the_narrower_did_not(monkeypatch):
    monkeypatch.setattr(search, "NEWEST_WINDOW", 30)
    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 20)
    # Every third fact matches, and four facts share each creation time, so
    # windows end inside a run of equal times: no fact is found twice or missed.
    _bulk_facts(3000, "CASE WHEN mod(n, 3) = 0 THEN 'medical school ' || n ELSE 'other' END")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE facts_fact SET created_at = date_trunc('hour', created_at) "
                       "+ (id / 4) * interval '1 minute'")
        cursor.execute("UPDATE facts_factsearchdocument d SET created_at = f.created_at "
                       "FROM facts_fact f WHERE f.id = d.fact_id")
    query = parse_query("medical school")
    with CaptureQueriesContext(connection) as queries:
        ids = search.search_candidates(user=None, query=query).ids()
    expected = list(selectors.fact_visible(user=None).filter(
        search_condition(query, prefix="search_document__"))
        .order_by("-created_at", "-id").values_list("pk", flat=True)[:20])
    assert ids == expected
    walks = [q["sql"] for q in queries.captured_queries
             if "search_ko" in q["sql"] and '"created_at" >=' in q["sql"]]
    assert len(walks) == 2 and '"created_at" <' in walks[1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("in_transaction", [False, True])
def test_a_window_costs_two_round_trips_and_leaves_the_planner_as_it_was(
        monkeypatch, in_transaction):
    monkeypatch.setattr(search, "NEWEST_WINDOW", 30)
    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 5)
    _bulk_facts(300, "CASE WHEN mod(n, 3) = 0 THEN 'medical school ' || n ELSE 'other' END")
    candidates = search.search_candidates(user=None, query=parse_query("medical school"))
    with contextlib.ExitStack() as stack:
        if in_transaction:
            stack.enter_context(transaction.atomic())
        with CaptureQueriesContext(connection) as queries:
            ids = candidates.ids()
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_bitmapscan')")
            assert cursor.fetchone() == ("on",)
    assert len(ids) == 5
    # The window's start, then its walk with the plan it imposes, in one statement.
    assert len(queries) == 2


def test_a_search_document_carries_its_facts_creation_time():
    fact = publish(text_ko="인재 유출", text_en="Brain drain")
    services.fact_update(fact=fact, text_en="Talent leaving", reason="test")
    document = FactSearchDocument.objects.get(fact=fact)
    assert document.created_at == Fact.objects.get(pk=fact.pk).created_at


def test_a_retracted_fact_leaves_anonymous_search_however_its_status_is_written(api):
    by_service = publish(text_en="Brain drain by service")
    by_update = publish(text_en="Brain drain by a bare update")
    assert set(found(api, "brain drain")) == set(pid(by_service, by_update))
    services.fact_retract(fact=by_service, reason="test")
    # A write no service sees (a data migration, a hand-run SQL statement).
    Fact.objects.filter(pk=by_update.pk).update(status=Fact.Status.RETRACTED)
    assert found(api, "brain drain") == []
    Fact.objects.filter(pk=by_update.pk).update(status=Fact.Status.PUBLISHED)
    assert found(api, "brain drain") == pid(by_update)


def test_a_search_document_takes_its_facts_status_whoever_writes_it():
    fact = publish(text_en="Brain drain", status=Fact.Status.DRAFT)
    with connection.cursor() as cursor:
        # A document written with another status than its fact's is corrected.
        cursor.execute("UPDATE facts_factsearchdocument SET status = 'published' "
                       "WHERE fact_id = %s", [fact.pk])
    assert FactSearchDocument.objects.get(fact=fact).status == Fact.Status.DRAFT
    services.fact_publish(fact=fact, reason="test")
    call_command("rebuild_search_index")
    assert FactSearchDocument.objects.get(fact=fact).status == Fact.Status.PUBLISHED


def test_the_candidates_are_found_without_reading_a_fact():
    _bulk_facts(300, "'medical school ' || n")
    for query in ("medical school", "medical", "medical -school"):
        candidates = search.search_candidates(user=None, query=parse_query(query))
        for sql in (candidates.statement()[0], candidates.statements.since.sql,
                    candidates.statements.between.sql):
            assert "facts_fact" not in sql.replace("facts_factsearchdocument", ""), sql


def test_the_newest_matches_are_walked_down_the_search_documents_own_index():
    _bulk_facts(3000, "CASE WHEN mod(n, 3) = 0 THEN 'medical school ' || n ELSE 'other' END")
    candidates = search.search_candidates(user=None, query=parse_query("medical school"))
    with transaction.atomic(), connection.cursor() as cursor:
        # The walk, as ids() imposes it, without the whole-table scans and sorts that
        # 3,000 facts are few enough for: the order must come from an index.
        cursor.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; "
                       "SET LOCAL enable_sort = off")
        plan = _explain(candidates.statement())
    assert "fact_search_newest" in plan, plan


def _explain(statement: tuple[str, list]) -> str:
    sql, params = statement
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _bulk_facts(count: int, text_en_sql: str, text_ko_sql: str = "''") -> None:
    """`count` published facts, one second apart (fact n the newest), indexed."""
    with pgtrigger.ignore("facts.Fact:insert_insert"), connection.cursor() as cursor:
        cursor.execute(f"""
            INSERT INTO facts_fact (public_id, text_ko, text_en, text_ko_origin, text_en_origin,
                quantity_unit, quantity_qualifier, as_of_precision, status, status_reason,
                version, created_at, updated_at)
            SELECT gen_random_uuid(), {text_ko_sql}, {text_en_sql}, 'source', 'source', '', '',
                   'unknown', 'published', '', 1, now() - interval '1 day' + n * interval '1 s',
                   now()
            FROM generate_series(1, %s) AS n""", [count])
        cursor.execute("""
            INSERT INTO facts_factsearchdocument (fact_id, search_ko, search_en, created_at)
            SELECT id, to_tsvector('simple', text_ko), to_tsvector('english', text_en),
                   created_at
            FROM facts_fact""")
        # What autovacuum (or rebuild_search_index) does after a bulk load.
        cursor.execute("SELECT gin_clean_pending_list('fact_search_ko_gin'::regclass), "
                       "gin_clean_pending_list('fact_search_en_gin'::regclass)")
        cursor.execute("ANALYZE facts_fact; ANALYZE facts_factsearchdocument")


def test_the_search_query_uses_the_gin_indexes_on_20000_facts():
    _bulk_facts(20000, "'Fact number ' || n || ' word' || mod(n, 997)",
                text_ko_sql="'사실 번호 ' || n || ' 단어' || mod(n, 997)")
    plan = _explain(search.search_candidates(user=None, query=parse_query("word42")).statement())
    assert "fact_search_en_gin" in plan or "fact_search_ko_gin" in plan, plan


@pytest.mark.parametrize(("query", "plan"), [
    # "medical school": every third fact, always together: the newest are walked.
    ("medical school", "enable_bitmapscan"),
    # Words that meet in one fact in a hundred: past the largest window, the
    # matches are read from the GIN indexes first.
    ("rare pairing", "enable_indexscan"),
    # No match among the newest: the GIN indexes at once.
    ("medical nowhere", "enable_indexscan"),
])
def test_several_words_find_the_newest_matches_by_the_plan_their_density_calls_for(
        monkeypatch, query, plan):
    monkeypatch.setattr(search, "NEWEST_WINDOW", 30)
    monkeypatch.setattr(search, "LARGEST_WINDOW", 600)
    monkeypatch.setattr(search, "SEARCH_CANDIDATES", 20)
    _bulk_facts(3000, """CASE WHEN mod(n, 3) = 0 THEN 'medical school number ' || n
                              WHEN mod(n, 100) = 1 THEN 'a rare pairing ' || n
                              WHEN mod(n, 2) = 0 THEN 'rare alone ' || n
                              ELSE 'pairing alone ' || n END""")
    candidates = search.search_candidates(user=None, query=parse_query(query))
    with CaptureQueriesContext(connection) as queries:
        ids = candidates.ids()
    expected = list(selectors.fact_visible(user=None).filter(
        search_condition(parse_query(query), prefix="search_document__"))
        .order_by("-created_at", "-id").values_list("pk", flat=True)[:20])
    assert ids == expected
    assert query == "medical nowhere" or len(ids) == 20
    answering = [q["sql"] for q in queries.captured_queries if "set_config" in q["sql"]]
    assert answering and plan in answering[-1]


def test_one_function_chooses_the_korean_or_the_english_highlight():
    query = parse_query("인재 E-7-S")
    words = {"인재": [[0, 3]]}
    headline = "E-7-S \x02visas\x03"
    korean = search.highlight(served="ko", query=query, text_ko="인재를 찾는다",
                              words_ko=words, headline_en=headline)
    # A prepared read's row carries the Korean words as JSON text.
    assert search.highlight(served="ko", query=query, text_ko="인재를 찾는다",
                            words_ko='{"인재": [[0, 3]]}', headline_en=headline) == korean
    assert korean == "<mark>인재를</mark> 찾는다"
    assert search.highlight(served="en", query=query, text_ko="인재를 찾는다",
                            words_ko=words, headline_en=headline
                            ) == "<mark>E-7-S</mark> <mark>visas</mark>"
