"""The home page's "check a claim" box, through Django's test client (the matching
itself: tests/facts/test_matching_evaluation.py and tests/api/test_match.py)."""

import pytest
from django.core.cache import cache
from django.db import transaction

from kbase.core.embeddings import embedder
from kbase.facts.embeddings import embeddings_write, fact_embeddings_refresh
from kbase.facts.models import Fact
from kbase.facts.seed import seed_load, seed_public_id
from tests.factories import FactFactory

pytestmark = pytest.mark.django_db

CHINA = "How many engineers does China graduate each year?"
EXPERTS_40 = "E-7-S 비자로 들어온 전문가는 40명"


@pytest.fixture(scope="module", autouse=True)
def seed(django_db_setup, django_db_blocker):
    """The seed, loaded and embedded once for the whole module: each test runs in a
    savepoint inside this transaction, which is rolled back after the last one."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_load()
        fact_embeddings_refresh(fact_ids=None)  # as the seed's commit would
        yield
        transaction.set_rollback(True)


def check(client, claim: str, language: str = "en", **headers):
    return client.get("/", {"claim": claim}, HTTP_ACCEPT_LANGUAGE=language, **headers)


def matched_ids(response) -> list:
    return [item["card"]["fact"].public_id for item in response.context["matches"]]


def test_an_english_question_finds_the_korean_and_english_fact_first_with_its_citations(
        client):
    response = check(client, CHINA)
    assert response.status_code == 200
    assert matched_ids(response)[0] == seed_public_id("china-1-5-million-engineering-graduates")
    first = response.content.decode().split('<li class="match ')[1]
    assert first.startswith('likely_same">')
    assert "Likely the same fact" in first
    assert "China produces 1.5 million engineering graduates every year." in first
    assert "The country produces 1.5 million engineering graduates annually" in first
    assert "매년 공학 엔지니어 150만 명이 배출된다." in first  # the Korean edition's quote
    assert "The numbers differ" not in first


def test_a_korean_claim_with_another_number_finds_the_fact_and_marks_the_numbers(client):
    response = check(client, EXPERTS_40, language="ko")
    assert response.status_code == 200
    assert matched_ids(response)[0] == seed_public_id("e7s-visa-only-38-experts-reside")
    assert response.context["matches"][0]["match"].numbers_differ is True
    first = response.content.decode().split('<li class="match ')[1].split("</ul>")[0]
    assert 'class="warning numbers-differ"' in first
    assert "전문가는 38명뿐이다" in first  # the Korean text, on the Korean page


def test_the_box_keeps_the_claim_and_the_page_keeps_no_script(client):
    page = check(client, EXPERTS_40).content.decode()
    assert f'value="{EXPERTS_40}"' in page
    assert "<script" not in page


def test_anonymous_visitors_match_published_facts_only_and_readers_drafts_too(client,
                                                                                reader):
    draft = FactFactory(text_ko="중국은 매년 공대 졸업생 200만 명을 배출한다.",
                        text_en="China turns out two million engineering graduates a year.",
                        status=Fact.Status.DRAFT)
    embeddings_write([(draft.pk, "ko", draft.text_ko), (draft.pk, "en", draft.text_en)],
                     model=embedder())
    assert draft.public_id not in matched_ids(check(client, CHINA))
    client.force_login(reader.user)
    assert draft.public_id in matched_ids(check(client, CHINA))


@pytest.mark.parametrize(("claim", "message"), [
    ("", "Write the claim to check: a sentence in Korean or English."),
    ("   ", "Write the claim to check: a sentence in Korean or English."),
    ("전문가 " * 300, "A claim to check has at most 1000 characters (this one has 1199)"),
    ("38 experts\x07", "Contains the control character U+0007 at position 10"),
])
def test_an_empty_oversized_or_garbled_claim_is_refused_with_a_message(client, claim,
                                                                       message):
    response = check(client, claim)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context.get("claim_checked") is None


def test_the_claims_checked_are_counted_against_the_matching_rate(client, settings):
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "match": "1/minute"}}
    assert check(client, CHINA).status_code == 200
    assert client.get("/", {"q": "engineers"}).status_code == 200  # searches go on
    refused = check(client, CHINA)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    page = refused.content.decode()
    assert f"Too many claims checked; try again in {refused['Retry-After']} second" in page
    assert "China produces" not in page


def test_a_checked_claim_costs_the_same_queries_for_one_match_or_five(
        client, django_assert_num_queries):
    # session-less anonymous visitor: topics, publishers (the forms' choices), the
    # nearest texts, the facts with their topics, entities and citations.
    with django_assert_num_queries(7):
        few = check(client, "TADA was shut down by regulation.")
    with django_assert_num_queries(7):
        many = check(client, CHINA)
    assert len(few.context["matches"]) < len(many.context["matches"])
