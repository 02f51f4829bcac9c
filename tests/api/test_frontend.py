"""The API as frontend apps use it: from another origin, through generated clients."""

import pytest

from tests.factories import FactFactory

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
