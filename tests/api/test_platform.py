"""What every API response shares: problem+json errors, throttling, CORS, documentation."""

import re
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from kbase.core.throttles import AccountRateThrottle, AnonymousRateThrottle
from kbase.facts.models import Fact
from tests.factories import FactFactory, UserFactory
from tests.helpers import PROJECT_DIR

pytestmark = pytest.mark.django_db


def test_a_method_not_allowed_answers_405_problem_json(admin_api):
    response = admin_api.put("/api/v1/topics/", {}, format="json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 405


def test_a_wrong_content_type_answers_415_problem_json(editor):
    response = editor.post("/api/v1/facts/", "text_en=x",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"


def test_malformed_json_answers_400_problem_json(editor):
    response = editor.post("/api/v1/facts/", '{"text_en": ', content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_an_unacceptable_accept_header_answers_406_problem_json(api):
    response = api.get("/api/v1/facts/", HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"



def test_each_view_negotiates_its_own_renderer_however_often_it_is_asked(api):
    # Negotiation is remembered (kbase.core.negotiation): by header, format and the
    # view's renderers, refusals not at all.
    asked = [("/api/v1/topics/", {}, "*/*", 200, "application/json"),
             ("/api/schema/", {}, "*/*", 200, "application/vnd.oai.openapi; charset=utf-8"),
             ("/api/v1/topics/", {"format": "api"}, "*/*", 200, "text/html; charset=utf-8"),
             ("/api/v1/topics/", {"format": "csv"}, "*/*", 404, "application/problem+json"),
             ("/api/v1/topics/", {}, "application/xml", 406, "application/problem+json")]
    for _ in range(2):
        for path, query, accept, status, content_type in asked:
            response = api.get(path, query, HTTP_ACCEPT=accept)
            assert (response.status_code, response["Content-Type"]) == (status, content_type)

@pytest.fixture
def fresh_throttle_counts(db):
    """Throttle counts live in the shared cache, which outlives a test: a live server
    fuzzed a minute ago has spent 127.0.0.1's budget (found when CI ran this module
    within a minute of the fuzzing)."""
    cache.clear()


def test_anonymous_clients_are_throttled_with_retry_after(api, monkeypatch,
                                                          fresh_throttle_counts):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    statuses = [api.get("/api/v1/topics/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = api.get("/api/v1/topics/")
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0


def test_anonymous_clients_are_counted_once_not_also_as_accounts(api, monkeypatch,
                                                                 fresh_throttle_counts):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    monkeypatch.setattr(AccountRateThrottle, "THROTTLE_RATES", {"user": "1/minute"})
    statuses = [api.get("/api/v1/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_signed_in_clients_are_throttled_by_account(reader, monkeypatch,
                                                    fresh_throttle_counts):
    monkeypatch.setattr(AccountRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    statuses = [reader.get("/api/v1/topics/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]



# Session authentication is asked only when the request carries a session cookie
# (kbase.core.authentication.SessionAuthentication).

def test_a_client_signed_in_by_session_reads_drafts_that_an_anonymous_one_cannot(db):
    draft = f"/api/v1/facts/{FactFactory(status=Fact.Status.DRAFT).public_id}/"
    browser = Client()
    assert browser.get(draft).status_code == 404
    browser.force_login(UserFactory(username="chief", is_superuser=True))
    assert browser.get(draft).status_code == 200


def test_a_session_write_with_its_csrf_token_is_accepted(db):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(username="chief", is_superuser=True))
    browser.cookies[settings.CSRF_COOKIE_NAME] = "k" * 32
    response = browser.post("/api/v1/facts/", {"text_en": "Only 38 experts reside here."},
                            content_type="application/json", HTTP_X_CSRFTOKEN="k" * 32)
    assert response.status_code == 201


def test_allowed_frontend_origins_get_cors_headers(api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://desk.example"]
    allowed = api.get("/api/v1/topics/", HTTP_ORIGIN="https://desk.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://desk.example"
    other = api.get("/api/v1/topics/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other


def test_the_schema_validates_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--validate", "--fail-on-warn",
         "--file", "/dev/null"],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr


# Found by `make fuzz`: a change's row id ("17") passed for a fact id, because a
# schema's `format` need not be checked by validators.
def test_fact_id_filters_give_the_uuid_shape_as_a_pattern(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    items = {(path, parameter["name"]): parameter["schema"]["items"]
             for path, operations in schema["paths"].items()
             for operation in operations.values()
             for parameter in operation.get("parameters", [])
             if parameter.get("in") == "query" and parameter["schema"].get("type") == "array"
             and parameter["schema"]["items"].get("format") == "uuid"}
    assert {("/api/v1/facts/", "id"), ("/api/v1/discrepancies/", "fact")} <= set(items)
    for item in items.values():
        assert re.fullmatch(item["pattern"].strip("^$"), "0b7d3f0e-6c1a-5b8e-9a51-2f0c6f3d7e21")
        assert not re.fullmatch(item["pattern"].strip("^$"), "17")
    assert api.get("/api/v1/facts/", {"id": "17"}).status_code == 400


# Found by `make fuzz`: an empty ordering served the default order, where the schema
# listed only the named orderings.
def test_an_empty_ordering_is_the_default_order_and_the_schema_says_so(api):
    FactFactory.create_batch(3, status=Fact.Status.PUBLISHED)
    default = api.get("/api/v1/facts/").json()["results"]
    assert api.get("/api/v1/facts/", {"ordering": ""}).json()["results"] == default
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    ordering, = [parameter for parameter in schema["paths"]["/api/v1/facts/"]["get"]["parameters"]
                 if parameter.get("name") == "ordering"]
    assert ordering["allowEmptyValue"] is True


# Found by `make fuzz`: an empty single-valued choice filter was no filter, where the
# schema listed only its choices.
def test_an_empty_choice_filter_is_no_filter_and_the_schema_says_so(api):
    assert api.get("/api/v1/sources/", {"language": ""}).status_code == 200
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    language, = [parameter for parameter in schema["paths"]["/api/v1/sources/"]["get"]
                 ["parameters"] if parameter.get("name") == "language"]
    assert language["schema"]["enum"] == ["en", "ko"]
    assert language["allowEmptyValue"] is True


# Found by `make fuzz`: `id=` (no ids) is no filter, but schemathesis reads an empty
# comma-separated list as the string "", which an array schema refuses; the schema now
# says an empty value is allowed. A repeated filter (unit=a&unit=b) still refuses one.
def test_an_empty_comma_separated_filter_is_no_filter_and_the_schema_says_so(api):
    FactFactory(status=Fact.Status.PUBLISHED)
    everything = api.get("/api/v1/facts/").json()["results"]
    assert api.get("/api/v1/facts/", {"id": ""}).json()["results"] == everything
    for path, name in [("/api/v1/facts/", "publisher"), ("/api/v1/sources/", "publisher"),
                       ("/api/v1/discrepancies/", "fact"),
                       ("/api/v1/discrepancies/", "publisher")]:
        assert api.get(path, {name: ""}).status_code == 200, (path, name)
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    parameters = {parameter["name"]: parameter
                  for parameter in schema["paths"]["/api/v1/facts/"]["get"]["parameters"]
                  if "name" in parameter}
    assert parameters["id"]["explode"] is False
    assert parameters["id"]["allowEmptyValue"] is True
    assert parameters["unit"].get("explode", True) is True
    assert "allowEmptyValue" not in parameters["unit"]
    assert api.get("/api/v1/facts/", {"unit": ""}).status_code == 400


def test_every_operation_has_a_summary_and_a_description(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    missing = [f"{method.upper()} {path}"
               for path, operations in schema["paths"].items()
               for method, operation in operations.items()
               if not operation.get("summary") or not operation.get("description")]
    assert missing == []


def test_the_docs_pages_load_their_assets_from_kbase_itself(api):
    for page in ("/api/docs/", "/api/redoc/"):
        html = api.get(page).content.decode()
        assert "/static/drf_spectacular_sidecar/" in html
        assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html


@pytest.mark.django_db(transaction=True)
def test_throttles_are_shared_by_every_gunicorn_process():
    """The throttle counts live in the shared (database) cache, not in a process:
    requests alternating between two gunicorn processes count against one budget."""
    from tests.helpers import current_database_url, http_get, running_server

    cache.clear()  # see fresh_throttle_counts

    env = {"DATABASE_URL": current_database_url(), "KBASE_THROTTLE_ANON": "6/minute"}
    with running_server(env=env, settings="kbase.settings.local") as first, \
            running_server(env=env, settings="kbase.settings.local") as second:
        statuses = [http_get((first, second)[n % 2] + "/api/v1/topics/")[0]
                    for n in range(16)]
    assert statuses == [200] * 6 + [429] * 10


def test_throttle_counts_in_the_database_cache_keep_their_window(api, monkeypatch,
                                                                 fresh_throttle_counts):
    # The database cache's incr() writes the value back with the cache's default
    # timeout (five minutes): a daily count would have been forgotten after five quiet
    # minutes. A count lives for two of its windows.
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "100/day"})
    for _ in range(3):
        assert api.get("/api/v1/topics/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM kbase_cache WHERE cache_key LIKE %s",
                       ["%throttle_anon_%"])
        expiries = [row[0] for row in cursor.fetchall()]
    assert expiries
    assert all(expires > timezone.now() + timedelta(days=1) for expires in expiries)


# Found by `make fuzz`: a publisher filter took any text ("{'\x01': [1, True]}") and
# answered an empty list; a publisher is named by its slug, and the schema now says so.
@pytest.mark.parametrize("path", ["/api/v1/facts/", "/api/v1/sources/",
                                  "/api/v1/discrepancies/"])
def test_publisher_filters_take_slugs_and_the_schema_says_so(api, path):
    response = api.get(path, {"publisher": "kbs,{'\x01': [1, True]}"})
    assert response.status_code == 400
    assert "publisher" in response.json()["errors"]
    assert api.get(path, {"publisher": "kbs,joongang"}).status_code == 200
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    publisher, = [parameter for parameter in schema["paths"][path]["get"]["parameters"]
                  if parameter.get("name") == "publisher"]
    pattern = publisher["schema"]["items"]["pattern"]
    assert re.fullmatch(pattern.strip("^$"), "kbs-news_2")
    assert not re.fullmatch(pattern.strip("^$"), "{'\x01'")



def test_a_client_signed_in_by_session_is_throttled_by_account(db, monkeypatch,
                                                              fresh_throttle_counts):
    monkeypatch.setattr(AnonymousRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    monkeypatch.setattr(AccountRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    browser = Client()
    browser.force_login(UserFactory(username="chief", is_superuser=True))
    statuses = [browser.get("/api/v1/topics/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert Client().get("/api/v1/topics/").status_code == 200  # the address is unspent

def test_an_anonymous_read_varies_on_the_session_cookie_it_did_not_send(api):
    response = api.get(f"/api/v1/facts/{FactFactory().public_id}/")
    assert response.status_code == 200
    assert {"Accept", "Accept-Language", "Cookie"} <= {
        name.strip() for name in response["Vary"].split(",")}
