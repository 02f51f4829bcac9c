"""The API as frontend apps use it: from another origin, through generated clients."""

import pytest

from tests.factories import CitationFactory, FactFactory

pytestmark = pytest.mark.django_db

APP = "https://desk.example"


@pytest.fixture
def app_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = [APP]


def test_the_preflight_allows_the_conditional_language_and_recent_write_headers(
        api, app_origin):
    response = api.options(
        "/api/v1/facts/1/", HTTP_ORIGIN=APP, HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=(
            "authorization, content-type, if-match, if-none-match, kbase-recent-write, "
            "accept-language"))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "content-type", "if-match", "if-none-match",
            "kbase-recent-write", "accept-language"} <= allowed
    assert "PATCH" in response["Access-Control-Allow-Methods"]


def test_the_preflight_refuses_other_origins(api, app_origin):
    response = api.options(
        "/api/v1/facts/", HTTP_ORIGIN="https://elsewhere.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match")
    assert "Access-Control-Allow-Origin" not in response


def test_an_allowed_origin_may_read_the_contract_headers(api, app_origin):
    fact = FactFactory()
    response = api.get(f"/api/v1/facts/{fact.public_id}/", HTTP_ORIGIN=APP)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == APP
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert exposed == {"etag", "location", "link", "retry-after", "ratelimit",
                       "ratelimit-policy", "content-language", "kbase-recent-write"}
    assert "ETag" in response


def detail(fact) -> str:
    return f"/api/v1/facts/{fact.public_id}/"


def test_a_validation_problem_carries_a_code_and_codes_per_field(editor):
    response = editor.post("/api/v1/facts/", {"text_ko": "가" * 5, "quantity": {"value": "x"}},
                           format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["codes"]) == set(body["errors"])
    assert body["codes"]["quantity.value"] == ["invalid"]


def test_a_missing_required_field_is_coded_required(editor):
    fact = CitationFactory(fact=FactFactory()).fact
    response = editor.post(detail(fact) + "retract/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["codes"]["reason"] == ["required"]


def test_a_service_refusal_carries_its_code(editor):
    fact = CitationFactory(fact=FactFactory()).fact
    response = editor.post(detail(fact) + "publish/", {"reason": "again"}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_a_stale_edit_is_coded_stale_version(editor):
    fact = FactFactory()
    etag = editor.get(detail(fact))["ETag"]
    editor.patch(detail(fact), {"text_en": "first"}, format="json", HTTP_IF_MATCH=etag)
    response = editor.patch(detail(fact), {"text_en": "second"}, format="json",
                            HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response.json()["code"] == "stale_version"


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/v1/facts/00000000-0000-0000-0000-000000000000/", 404, "not_found"),
    ("/api/v1/nowhere/", 404, "not_found"),
])
def test_an_anonymous_miss_is_coded(api, path, status, code):
    response = api.get(path)
    assert response.status_code == status
    assert response.json()["code"] == code


def test_an_anonymous_write_is_coded_not_authenticated(api):
    response = api.post("/api/v1/facts/", {}, format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_reader_write_is_coded_permission_denied(reader):
    response = reader.post("/api/v1/facts/", {}, format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_malformed_json_is_coded_parse_error(editor):
    response = editor.post("/api/v1/facts/", '{"text_en": ', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_the_schema_lists_the_problem_codes_as_an_enum(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    problem = schema["components"]["schemas"]["Problem"]
    assert problem["properties"]["code"]["allOf"] == [
        {"$ref": "#/components/schemas/ProblemCodeEnum"}]
    enum = schema["components"]["schemas"]["ProblemCodeEnum"]["enum"]
    assert {"invalid", "not_found", "stale_version", "throttled"} <= set(enum)
