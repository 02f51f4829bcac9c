"""Hostile or broken input gets a clear 4xx problem, never a 500, and writes nothing."""

import json

import pytest

from kbase.facts.models import Fact
from kbase.sources.models import Source
from tests.factories import FactFactory, PublisherFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/api/v1/facts/?topic=%00", "/api/v1/facts/?publisher=%00", "/api/v1/facts/?entity=%00",
    "/api/v1/facts/?source_url=http://a.com/%00", "/api/v1/facts/?id=%00",
    "/api/v1/facts/?ordering=%00", "/api/v1/facts/?lang=%00",
    "/api/v1/sources/?work=%00", "/api/v1/sources/?publisher=%00",
    "/api/v1/sources/lookup/?url=https://a.com/%00", "/api/v1/changes/?since=%00",
    "/api/v1/discrepancies/?publisher=%00", "/?topic=%00", "/?url=%00",
])
def test_a_nul_in_a_query_parameter_answers_400(api, url):
    response = api.get(url)
    assert response.status_code == 400


@pytest.mark.parametrize("url", [
    "/api/v1/topics/%00/", "/api/v1/publishers/%00/", "/api/v1/entities/%00/",
    "/api/v1/discrepancies/%00/", "/api/v1/sources/%00/", "/api/v1/facts/%00/",
    "/api/v1/sources/99999999999999999999999/",
])
def test_a_nul_or_absurd_id_in_the_path_answers_404(api, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(("parameter", "value"), [
    ("source", "99999999999999999999999"), ("source", "-1"),
    ("quantity_min", "1e400"), ("page_size", "99999999999999999999999"),
])
def test_integers_beyond_64_bits_answer_400(api, parameter, value):
    response = api.get("/api/v1/facts/", {parameter: value})
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_invalid_utf8_in_a_body_answers_400_and_writes_nothing(editor):
    response = editor.post("/api/v1/facts/", b'{"text_en": "\xff\xfe"}',
                           content_type="application/json")
    assert response.status_code == 400
    assert not Fact.objects.exists()


def test_a_deeply_nested_body_answers_400(editor):
    body = '{"text_en": "x", "quantity": ' + "[" * 5000 + "]" * 5000 + "}"
    response = editor.post("/api/v1/facts/", body, content_type="application/json")
    assert response.status_code == 400
    assert not Fact.objects.exists()


def test_a_three_megabyte_body_answers_413(editor):
    body = json.dumps({"text_en": "x" * 3_000_000})
    response = editor.post("/api/v1/facts/", body, content_type="application/json")
    assert response.status_code == 413
    assert not Fact.objects.exists()


def test_a_json_array_instead_of_an_object_answers_400(editor):
    response = editor.post("/api/v1/facts/", "[1, 2]", content_type="application/json")
    assert response.status_code == 400


def test_a_patch_with_a_nul_changes_nothing(editor):
    fact = FactFactory(text_en="unchanged")
    response = editor.patch(f"/api/v1/facts/{fact.public_id}/", {"text_en": "bad\x00"},
                            format="json")
    assert response.status_code == 400
    fact.refresh_from_db()
    assert fact.text_en == "unchanged"


# Found by fuzzing (tests/api/test_fuzz.py).

@pytest.mark.parametrize("url", [
    "/api/v1/facts/?updated_since=1456-07-29T05:23:44.14%2B17:36",
    "/api/v1/changes/?since=2000-01-01T00:00:00%2B17:36",
    "/api/v1/facts/?created_since=0001-01-01T00:00:00%2B01:00",
])
def test_a_utc_offset_postgresql_refuses_is_compared_in_utc(api, url):
    assert api.get(url).status_code == 200


def test_a_search_past_sixteen_terms_ignores_the_rest(api):
    query = " ".join(f"word{number}" for number in range(40))
    assert api.get("/api/v1/search/", {"q": query}).status_code == 200


def test_an_empty_topic_filter_is_no_filter(api):
    FactFactory()
    response = api.get("/api/v1/facts/?topic=&entity=")
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_brief_must_be_true_or_false(api):
    response = api.get("/api/v1/facts/?brief=maybe")
    assert response.status_code == 400
    assert "brief" in response.json()["errors"]


@pytest.mark.parametrize(("language", "message"), [
    ("ko", "'true' 또는 'false'를 쓰세요."), ("en", "Use 'true' or 'false'.")])
def test_a_bad_brief_is_refused_in_each_requests_language(api, language, message):
    # One field reads every request's `brief`: its message is each request's language.
    fact = FactFactory()
    response = api.get(f"/api/v1/facts/{fact.public_id}/", {"brief": "maybe", "lang": language})
    assert response.status_code == 400
    assert response.json()["errors"] == {"brief": [message]}


def test_anonymous_clients_cannot_read_a_drafts_history(api):
    draft = FactFactory(status=Fact.Status.DRAFT)
    response = api.get(f"/api/v1/facts/{draft.public_id}/history/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_a_fact_in_review_is_hidden_from_anonymous_clients(api):
    in_review = FactFactory(status=Fact.Status.REVIEW)
    assert api.get(f"/api/v1/facts/{in_review.public_id}/").status_code == 404
    assert api.get("/api/v1/facts/", {"id": str(in_review.public_id)}).json()["results"] == []


# Found by `make fuzz`: a slug naming a related object went to the database as it came,
# and PostgreSQL refuses text holding NUL (a 500).

@pytest.mark.parametrize("slug", ["joongang\x00", "\u0004*n\x00\x7f", "중앙", "a b"])
def test_a_publisher_that_cannot_be_a_slug_answers_400_and_writes_nothing(editor, slug):
    PublisherFactory(slug="joongang")
    response = editor.post("/api/v1/sources/", {
        "slug": "new-source", "publisher": slug, "kind": "statement", "language": "en",
        "title_en": "A statement"}, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "letters, digits" in response.json()["errors"]["publisher"][0]
    assert not Source.objects.exists()


@pytest.mark.parametrize("field", ["topics", "entities"])
def test_topics_and_entities_that_cannot_be_slugs_answer_400_and_write_nothing(editor, field):
    response = editor.post("/api/v1/facts/", {"text_en": "A fact.", field: ["bad\x00"]},
                           format="json")
    assert response.status_code == 400
    assert "letters, digits" in json.dumps(response.json()["errors"][field])
    assert not Fact.objects.exists()


# Found by `make fuzz`: an empty `page` was read as page 1, where the schema asks for a
# whole number (an empty page_size was already refused).
@pytest.mark.parametrize("page", ["", "0", "two", "-1", "²"])
def test_a_search_page_that_is_not_a_whole_number_from_1_answers_400(api, page):
    response = api.get("/api/v1/search/", {"q": "talent", "page": page})
    assert response.status_code == 400
    assert "page" in response.json()["errors"]
