"""The API as frontend apps use it: from another origin, through generated clients."""

import re

import pytest
from django.core.cache import cache
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from kbase.core.throttles import AccountRateThrottle, AnonymousRateThrottle
from tests.factories import CitationFactory, FactFactory

pytestmark = pytest.mark.django_db

APP = "https://desk.example"


@pytest.fixture
def fresh_throttle_counts(db):
    cache.clear()  # counts live in the shared cache, which outlives a test


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


def test_a_counted_request_learns_its_limit(api, monkeypatch, fresh_throttle_counts):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "5/minute"})
    first = api.get("/api/v1/topics/")
    assert first.status_code == 200
    assert first["RateLimit-Policy"] == '"anon";q=5;w=60'
    name, remaining, reset = first["RateLimit"].split(";")
    assert (name, remaining) == ('"anon"', "r=4")
    assert 1 <= int(reset.removeprefix("t=")) <= 60


def test_a_refused_request_says_when_to_come_back_in_both_fields(
        reader, monkeypatch, fresh_throttle_counts):
    monkeypatch.setattr(AccountRateThrottle, "THROTTLE_RATES", {"user": "1/minute"})
    assert reader.get("/api/v1/topics/").status_code == 200
    refused = reader.get("/api/v1/topics/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert refused["RateLimit-Policy"] == '"user";q=1;w=60'
    assert refused["RateLimit"] == f'"user";r=0;t={refused["Retry-After"]}'


@pytest.fixture
def rates(settings, fresh_throttle_counts):
    """Sets the named throttle rates the way a deployment does (KBASE_THROTTLE_*)."""
    def set_rates(**named):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **named}}
    return set_rates


def test_a_dump_lists_both_its_policies_and_reports_the_nearer_limit(api, rates):
    rates(anon="5/minute", dumps="2/minute")
    response = api.get("/api/v1/facts/ndjson/")
    assert response.status_code == 200
    assert response["RateLimit-Policy"] == '"anon";q=5;w=60, "dumps";q=2;w=60'
    name, remaining, _reset = response["RateLimit"].split(";")
    assert (name, remaining) == ('"dumps"', "r=1")


def test_a_dump_refused_by_the_general_limit_reports_that_limit(api, rates):
    rates(anon="1/minute", dumps="30/hour")
    assert api.get("/api/v1/facts/ndjson/").status_code == 200
    refused = api.get("/api/v1/facts/ndjson/")
    assert refused.status_code == 429
    assert refused["RateLimit-Policy"] == '"anon";q=1;w=60, "dumps";q=30;w=3600'
    assert refused["RateLimit"] == f'"anon";r=0;t={refused["Retry-After"]}'


def test_when_both_limits_refuse_the_one_that_frees_later_is_reported(reader, rates):
    rates(user="1/minute", dumps="1/hour")
    assert reader.get("/api/v1/facts/ndjson/").status_code == 200
    refused = reader.get("/api/v1/facts/ndjson/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 60
    assert refused["RateLimit"] == f'"dumps";r=0;t={refused["Retry-After"]}'


def test_a_cursor_page_links_its_neighbours(api):
    FactFactory.create_batch(3)
    first = api.get("/api/v1/facts/", {"page_size": 1})
    assert first.status_code == 200
    next_url = first.json()["next"]
    assert first["Link"] == f'<{next_url}>; rel="next"'
    second = api.get(next_url)
    body = second.json()
    assert second["Link"] == f'<{body["next"]}>; rel="next", <{body["previous"]}>; rel="prev"'


def test_the_last_page_links_only_back(api):
    FactFactory.create_batch(2)
    second = api.get(api.get("/api/v1/facts/", {"page_size": 1}).json()["next"])
    assert second.json()["next"] is None
    assert second["Link"] == f'<{second.json()["previous"]}>; rel="prev"'


def test_a_single_page_has_no_link_header(api):
    FactFactory()
    response = api.get("/api/v1/facts/")
    assert response.status_code == 200
    assert "Link" not in response


def test_search_pages_link_their_neighbours(api):
    FactFactory.create_batch(3)
    response = api.get("/api/v1/search/", {"q": "experts", "page_size": 1})
    assert response.status_code == 200
    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'


def test_the_change_feed_links_where_to_continue(api):
    FactFactory()
    response = api.get("/api/v1/changes/")
    assert response.status_code == 200
    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'


# The schema as client generators read it.
@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/",
                               HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def operations(schema):
    return {operation["operationId"]: (path, method, operation)
            for path, methods in schema["paths"].items()
            for method, operation in methods.items()}


def test_the_schema_passes_openapi_spec_validator(schema):
    validate(schema)  # raises on any error


def test_operations_are_named_by_resource_and_verb_and_tagged_by_resource(schema):
    named = operations(schema)
    assert {"facts_list", "facts_retrieve", "facts_create", "facts_partial_update",
            "facts_publish", "facts_history", "facts_csv", "facts_citations_list",
            "sources_lookup", "sources_facts_list", "search_list", "changes_list",
            "topics_list"} <= set(named)
    for operation_id, (path, _method, operation) in named.items():
        assert operation["tags"] == [path.split("/")[3]], operation_id


def test_the_language_parameter_is_declared_once_and_referenced(schema):
    assert schema["components"]["parameters"]["lang"]["schema"] == {
        "$ref": "#/components/schemas/LanguageEnum"}
    assert sorted(schema["components"]["schemas"]["LanguageEnum"]["enum"]) == ["en", "ko"]
    inline = [operation_id for operation_id, (_p, _m, operation) in operations(schema).items()
              for parameter in operation.get("parameters", [])
              if parameter.get("name") in {"lang", "Accept-Language"}]
    assert inline == []
    _path, _method, facts_list = operations(schema)["facts_list"]
    assert {"$ref": "#/components/parameters/lang"} in facts_list["parameters"]


def test_conditional_and_contract_headers_are_declared(schema):
    named = operations(schema)
    _p, _m, patch = named["facts_partial_update"]
    assert {"$ref": "#/components/parameters/If-Match"} in patch["parameters"]
    assert "ETag" in patch["responses"]["200"]["headers"]
    _p, _m, retrieve = named["facts_retrieve"]
    assert {"$ref": "#/components/parameters/If-None-Match"} in retrieve["parameters"]
    assert "304" in retrieve["responses"]
    _p, _m, create = named["facts_create"]
    assert {"Location", "ETag"} <= set(create["responses"]["201"]["headers"])
    _p, _m, facts_list = named["facts_list"]
    assert {"Link", "RateLimit", "RateLimit-Policy"} <= set(
        facts_list["responses"]["200"]["headers"])
    assert "Retry-After" in facts_list["responses"]["429"]["headers"]
    assert schema["components"]["headers"]["Retry-After"]["schema"]["type"] == "integer"


@pytest.mark.parametrize("url", [
    "https://news.kbs.co.kr/news/view.do?ncd=8012345",
    "https://n.news.naver.com/article/001/0012345678?sid=100",
    "https://www.hankyung-news.co.kr/article/2025/07/10/",
    "http://m.yna.co.kr/view/AKR20250710000100001?section=politics/all&site=hot",
])
def test_url_parameters_accept_real_links(schema, url):
    named = operations(schema)
    patterns = [parameter["schema"]["pattern"]
                for operation_id, name in (("sources_lookup", "url"), ("facts_list", "source_url"),
                                           ("facts_csv", "source_url"))
                for parameter in named[operation_id][2]["parameters"]
                if parameter.get("name") == name]
    assert len(patterns) == 3
    for pattern in patterns:
        assert re.search(pattern, url), pattern
        assert not re.search(pattern, "not a url")


def test_the_csv_export_declares_every_filter_of_the_list(schema):
    named = operations(schema)
    def names(operation_id):
        return {p.get("name") for p in named[operation_id][2]["parameters"]}
    pagination_and_shape = {"cursor", "page_size", "fields", "brief"}
    assert names("facts_list") - pagination_and_shape <= names("facts_csv")


def test_the_schema_names_its_server_and_licence(schema):
    assert schema["servers"][0]["url"].startswith("http")
    assert schema["info"]["license"]["name"]
