"""The database goes away under a running server, then comes back."""

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

from devtools.pgcluster import init_primary, prepare_database
from tests.helpers import current_database_url, http_get, running_server


@pytest.fixture
def private_cluster():
    """A PostgreSQL cluster of the test's own, to stop and start at will."""
    root = Path(tempfile.mkdtemp(prefix="kbase-outage-"))
    server = init_primary(root)
    try:
        prepare_database(server.url)
        yield server.url, server.start, lambda: server.stop(mode="immediate")
    finally:
        server.stop(mode="immediate")
        shutil.rmtree(root, ignore_errors=True)


def test_the_api_answers_503_while_the_database_is_down_and_recovers_by_itself(
        private_cluster):
    url, start, stop = private_cluster
    with running_server(env={"DATABASE_URL": url, "DB_CONNECT_TIMEOUT": "2"}) as base:
        assert http_get(base + "/api/v1/facts/")[0] == 200
        assert http_get(base + "/readyz")[0] == 200

        stop()
        began = time.monotonic()
        status, headers, body = http_get(base + "/api/v1/facts/", timeout=20)
        assert status == 503
        assert headers["Content-Type"] == "application/problem+json"
        assert json.loads(body)["status"] == 503
        assert int(headers["Retry-After"]) > 0
        assert http_get(base + "/readyz", timeout=20)[0] == 503
        assert http_get(base + "/healthz")[0] == 200
        assert time.monotonic() - began < 15  # refused quickly, never a hang

        start()
        statuses = [http_get(base + "/api/v1/facts/")[0] for _ in range(3)]
        assert statuses[-1] == 200 and 500 not in statuses
        assert http_get(base + "/readyz")[0] == 200



@pytest.mark.django_db(transaction=True)
def test_a_connection_postgresql_ended_between_requests_goes_unnoticed():
    # A restart of PostgreSQL, an administrator or an idle timeout ends a worker's
    # persistent connection while the worker waits for its next request.
    with running_server(env={"DATABASE_URL": current_database_url(),
                             "DB_CONN_MAX_AGE": "600", "GUNICORN_THREADS": "2"}) as base:
        assert [http_get(base + "/api/v1/facts/")[0] for _ in range(4)] == [200] * 4
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) "
                           "FROM pg_stat_activity WHERE datname = current_database() "
                           "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
            assert cursor.fetchone()[0] >= 1
        assert [http_get(base + "/api/v1/facts/")[0] for _ in range(4)] == [200] * 4
