"""Which database a request reads from: the routing rule of kbase.core.routing.
(tests/core/test_cluster.py proves it against a real primary and replica.)"""

import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import RequestFactory

from kbase.core import routing
from kbase.facts.models import Fact

REPLICA = {"ENGINE": "django.db.backends.postgresql", "NAME": "kbase", "HOST": "replica"}
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica1": REPLICA}


def may_use_replica(method="get", path="/api/v1/facts/", **extra) -> bool:
    request = getattr(RequestFactory(), method)(path, **extra)
    return routing.may_read_from_replica(request)


def test_without_replicas_every_request_reads_from_the_primary():
    assert routing.replica_aliases() == []
    assert not may_use_replica()


def test_an_anonymous_api_read_may_use_a_replica(with_replica):
    assert may_use_replica()
    assert may_use_replica(path="/")
    assert may_use_replica(method="head")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_reads_from_the_primary(with_replica, method):
    assert not may_use_replica(method=method)


def test_a_token_holder_reads_from_the_primary(with_replica):
    assert not may_use_replica(HTTP_AUTHORIZATION="Token abc")


def test_a_signed_in_editor_reads_from_the_primary(with_replica):
    request = RequestFactory().get("/")
    request.COOKIES[django_settings.SESSION_COOKIE_NAME] = "some-session"
    assert not routing.may_read_from_replica(request)


def test_the_admin_reads_from_the_primary(with_replica):
    assert not may_use_replica(path="/admin/facts/fact/")


def test_a_client_that_just_wrote_reads_from_the_primary(with_replica):
    just_now = str(int(time.time()))
    request = RequestFactory().get("/api/v1/facts/")
    request.COOKIES[routing.RECENT_WRITE_COOKIE] = just_now
    assert not routing.may_read_from_replica(request)
    assert not may_use_replica(HTTP_KBASE_RECENT_WRITE=just_now)


def test_a_write_older_than_the_window_no_longer_pins_reads(with_replica, settings):
    long_ago = str(int(time.time()) - settings.KBASE_READ_YOUR_WRITES_SECONDS - 1)
    assert may_use_replica(HTTP_KBASE_RECENT_WRITE=long_ago)
    assert may_use_replica(HTTP_KBASE_RECENT_WRITE="not a time")


@pytest.mark.django_db
def test_a_successful_write_marks_its_client_as_a_recent_writer(editor):
    response = editor.post("/api/v1/facts/", {"text_en": "Only 38 experts.", "text_ko": ""},
                           format="json")
    assert response.status_code == 201
    written_at = int(response.headers[routing.RECENT_WRITE_HEADER])
    assert abs(written_at - time.time()) < 5
    cookie = response.cookies[routing.RECENT_WRITE_COOKIE]
    assert cookie.value == str(written_at)
    assert cookie["max-age"] == django_settings.KBASE_READ_YOUR_WRITES_SECONDS
    assert cookie["httponly"]


@pytest.mark.django_db
def test_a_refused_write_marks_nothing(api):
    response = api.post("/api/v1/facts/", {"text_en": "x"}, format="json")
    assert response.status_code in (401, 403)
    assert routing.RECENT_WRITE_COOKIE not in response.cookies


def test_a_replica_request_reads_content_from_its_replica_and_the_rest_from_the_primary():
    router = routing.ReplicaRouter()
    token = routing.begin(routing.RequestRouting(may_use_replica=True, replica="replica1",
                                                 chosen=True))
    try:
        assert router.db_for_read(Fact) == "replica1"
        assert router.db_for_read(Session) == "default"
        assert router.db_for_write(Fact) == "default"
    finally:
        routing.end(token)
    assert router.db_for_read(Fact) == "default"  # outside a request: the primary


def test_cache_sessions_tokens_and_login_attempts_are_read_from_the_primary():
    from django.apps import apps
    from django.core.cache.backends.db import DatabaseCache

    cache_model = DatabaseCache("kbase_cache", {}).cache_model_class
    labels = {cache_model._meta.app_label, Session._meta.app_label,
              apps.get_model("axes", "AccessAttempt")._meta.app_label}
    assert labels <= routing.PRIMARY_ONLY_APPS
    router = routing.ReplicaRouter()
    token = routing.begin(routing.RequestRouting(may_use_replica=True, replica="replica1",
                                                 chosen=True))
    try:
        assert router.db_for_read(apps.get_model("core", "ApiToken")) == "default"
    finally:
        routing.end(token)


def test_migrations_run_on_the_primary_only():
    router = routing.ReplicaRouter()
    assert router.allow_migrate("default", "facts")
    assert not router.allow_migrate("replica1", "facts")


def test_the_change_feed_always_reads_from_the_primary():
    from kbase.facts.api.views import ChangeFeedView

    assert ChangeFeedView.reads_from_primary


def test_nothing_that_matters_is_kept_in_one_server_s_memory_or_disk():
    assert django_settings.SESSION_ENGINE in ("django.contrib.sessions.backends.db",
                                              "django.contrib.sessions.backends.cache")
    assert "locmem" not in django_settings.CACHES["default"]["BACKEND"]
    assert django_settings.IMPORT_EXPORT_TMP_STORAGE_CLASS.endswith("CacheStorage")


def test_the_compose_file_has_a_streaming_replica_profile_and_a_scalable_web_service():
    compose = yaml.safe_load((Path(__file__).resolve().parents[2] / "docker-compose.yml")
                             .read_text())
    services = compose["services"]
    assert services["replica"]["profiles"] == ["replica"]
    assert services["replica"]["image"] == services["db"]["image"]
    assert "pg_basebackup" in str(services["replica"]["command"])
    # Any number of web containers: no fixed host port; the load balancer publishes one.
    assert "ports" not in services["web"]
    assert services["lb"]["ports"]
    # ...which do not migrate side by side: one `migrate` run comes first.
    assert "migrate" not in str(services["web"]["command"])
    assert services["web"]["depends_on"]["migrate"]["condition"] == \
        "service_completed_successfully"
    assert services["web"]["environment"] == services["migrate"]["environment"]
