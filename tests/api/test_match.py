"""Claim matching over HTTP: /api/v1/match/ and /api/v1/facts/{id}/similar/."""

import pytest
from django.core.cache import cache

from kbase.core.embeddings import embedder
from kbase.core.throttles import MatchRateThrottle
from kbase.facts.embeddings import embeddings_write
from kbase.facts.models import Fact
from tests.factories import FactFactory

pytestmark = pytest.mark.django_db

EXPERTS_KO = "첨단 전문인력비자(E-7-S)로 국내에 체류 중인 전문가는 {n}명뿐이다."
EXPERTS_EN = "Only {n} experts are residing in Korea under the E-7-S advanced talent visa."


def _fact(text_ko: str, text_en: str, **fields) -> Fact:
    return FactFactory(text_ko=text_ko, text_en=text_en, **fields)


def _embedded(*facts: Fact) -> None:
    """As the facts' commit would (kbase.facts.embeddings); the test settings'
    embedder embeds each text once per test run."""
    embeddings_write([(fact.pk, language, getattr(fact, f"text_{language}"))
                      for fact in facts for language in ("ko", "en")], model=embedder())


@pytest.fixture
def desk():
    """A few published facts on different subjects, embedded."""
    facts = {
        "experts": _fact(EXPERTS_KO.format(n=38), EXPERTS_EN.format(n=38)),
        "graduates": _fact("중국에서는 매년 공학 엔지니어 150만 명이 배출된다.",
                           "China produces 1.5 million engineering graduates every year."),
        "masters": _fact("국내에서 석사 학위를 마친 AI 인재의 40%가 해외로 떠난다.",
                         "40% of AI talents who complete a master's degree in Korea leave "
                         "for overseas."),
        "tada": _fact("토종 모빌리티 혁신기업 타다는 규제로 문을 닫았다.",
                      "Homegrown Korean mobility startup TADA was shut down by regulation."),
    }
    _embedded(*facts.values())
    return facts


def _ids(response) -> list[str]:
    return [match["fact"]["id"] for match in response.json()["results"]]


def test_an_english_question_finds_the_fact_recorded_in_both_languages(api, desk):
    response = api.get("/api/v1/match/",
                       {"text": "How many engineers does China graduate each year?"})
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["fact"]["id"] == str(desk["graduates"].public_id)
    assert first["verdict"] == "likely_same"
    assert first["numbers_differ"] is False
    assert first["fact"]["text_ko"] == "중국에서는 매년 공학 엔지니어 150만 명이 배출된다."


def test_a_claim_with_another_number_finds_the_fact_and_says_the_numbers_differ(api, desk):
    response = api.get("/api/v1/match/", {"text": "E-7-S 비자로 들어온 전문가는 40명"})
    first = response.json()["results"][0]
    assert first["fact"]["id"] == str(desk["experts"].public_id)
    assert first["numbers_differ"] is True
    assert first["matched_language"] == "ko"


def test_the_fact_with_the_claimed_number_outranks_the_same_fact_with_another(api, desk):
    forty = _fact(EXPERTS_KO.format(n=40), EXPERTS_EN.format(n=40))
    _embedded(forty)
    for number, expected in ((38, desk["experts"]), (40, forty)):
        results = api.get("/api/v1/match/", {
            "text": f"E-7-S 비자로 체류하는 전문가는 {number}명이다"}).json()["results"]
        assert results[0]["fact"]["id"] == str(expected.public_id)
        assert results[0]["numbers_differ"] is False
        assert results[1]["numbers_differ"] is True


def test_anonymous_clients_match_published_facts_only_and_editors_drafts_too(api, editor,
                                                                             desk):
    draft = _fact("중국은 매년 공대 졸업생 150만 명을 배출한다고 알려졌다.",
                  "China is said to produce 1.5 million engineers a year.",
                  status=Fact.Status.DRAFT)
    _embedded(draft)
    claim = {"text": "China is said to produce 1.5 million engineers a year."}
    assert str(draft.public_id) not in _ids(api.get("/api/v1/match/", claim))
    assert _ids(editor.get("/api/v1/match/", claim))[0] == str(draft.public_id)


def test_a_long_claim_is_posted_and_served_in_the_asked_language(api, desk):
    text = ("According to a report broadcast this week, a Korean talent programme has "
            "attracted very few people. " * 8 + "Only 38 experts live in Korea on the "
            "E-7-S visa.")
    response = api.post("/api/v1/match/?lang=ko", {"text": text, "limit": 1}, format="json")
    assert response.status_code == 200
    [match] = response.json()["results"]
    assert match["fact"]["id"] == str(desk["experts"].public_id)
    assert match["fact"]["language"] == "ko"
    assert response["Content-Language"] == "ko"


def test_a_claim_like_nothing_recorded_finds_no_likely_match(api, desk):
    results = api.get("/api/v1/match/", {
        "text": "The World Cup will be held in North America in 2026"}).json()["results"]
    assert all(match["verdict"] == "related" for match in results)


@pytest.mark.parametrize(("params", "field"), [
    ({}, "text"),
    ({"text": "   "}, "text"),
    ({"text": "x" * 1001}, "text"),
    ({"text": "\ufeff\x1f "}, "text"),
    ({"text": "38명", "limit": "0"}, "limit"),
    ({"text": "38명", "limit": "21"}, "limit"),
    ({"text": "38명", "limit": "five"}, "limit"),
])
def test_bad_input_answers_400_problem_naming_the_field(api, params, field):
    response = api.get("/api/v1/match/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == [field]


@pytest.mark.parametrize(("body", "field"), [
    ({"text": "가" * 5001}, "text"),
    ({"text": 38}, "text"),
    ({"txt": "38명"}, "text"),
])
def test_a_bad_posted_claim_answers_400_naming_the_field(api, body, field):
    response = api.post("/api/v1/match/", body, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_control_characters_in_a_claim_are_read_as_spaces(api, desk):
    response = api.get("/api/v1/match/", {"text": "E-7-S\x00비자로 들어온\x07전문가는 38명"})
    assert response.status_code == 200
    assert _ids(response)[0] == str(desk["experts"].public_id)
    assert api.get("/api/v1/match/", {"text": "\x07"}).json() == {"results": []}


def test_matching_reads_the_same_two_queries_for_one_result_or_many(
        api, desk, django_assert_num_queries):
    for limit in (1, 3):
        with django_assert_num_queries(2):  # nearest texts, the facts' representations
            response = api.get("/api/v1/match/", {"text": "AI 인재 유출", "limit": limit})
        assert len(response.json()["results"]) == limit


def test_similar_facts_leave_out_the_fact_itself_and_mark_other_numbers(
        api, desk, django_assert_num_queries):
    forty = _fact(EXPERTS_KO.format(n=40), EXPERTS_EN.format(n=40))
    _embedded(forty)
    # The fact; its Korean and English texts' nearest texts; the representations.
    with django_assert_num_queries(4):
        response = api.get(f"/api/v1/facts/{desk['experts'].public_id}/similar/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert str(desk["experts"].public_id) not in _ids(response)
    assert results[0]["fact"]["id"] == str(forty.public_id)
    assert results[0]["verdict"] == "likely_same"
    assert results[0]["numbers_differ"] is True


def test_similar_facts_of_a_draft_are_not_found_by_anonymous_clients(api, editor, desk):
    draft = _fact(EXPERTS_KO.format(n=39), EXPERTS_EN.format(n=39), status=Fact.Status.DRAFT)
    _embedded(draft)
    assert api.get(f"/api/v1/facts/{draft.public_id}/similar/").status_code == 404
    assert editor.get(f"/api/v1/facts/{draft.public_id}/similar/").status_code == 200


def test_matching_has_its_own_rate_limit(api, monkeypatch):
    cache.clear()
    monkeypatch.setattr(MatchRateThrottle, "THROTTLE_RATES", {"match": "2/minute"})
    statuses = [api.get("/api/v1/match/", {"text": "AI 인재"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert api.get("/api/v1/facts/").status_code == 200  # the rest of the API is not
    refused = api.get("/api/v1/match/", {"text": "AI 인재"})
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0


def test_the_schema_documents_the_matching_operations(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operations = {operation["operationId"]: (path, method)
                  for path, item in schema["paths"].items()
                  for method, operation in item.items() if isinstance(operation, dict)
                  and "operationId" in operation}
    assert operations["match_text"] == ("/api/v1/match/", "get")
    assert operations["match_long_text"] == ("/api/v1/match/", "post")
    assert operations["facts_similar"] == ("/api/v1/facts/{id}/similar/", "get")
