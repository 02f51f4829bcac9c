import json

import pytest

from tests.helpers import free_port, http_get, running_server


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_answers_ok_when_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_readyz_answers_503_json_when_the_database_is_unreachable():
    closed_port = free_port()  # nothing listens here
    url = f"postgres://kbase@127.0.0.1:{closed_port}/kbase"
    with running_server(env={"DATABASE_URL": url, "DB_CONNECT_TIMEOUT": "2"}) as base:
        status, headers, body = http_get(base + "/readyz")
        assert status == 503
        assert headers["Content-Type"] == "application/json"
        assert json.loads(body)["database"] == "unreachable"
        assert headers["Retry-After"]

        status, _, body = http_get(base + "/healthz")
        assert status == 200
        assert json.loads(body) == {"status": "ok"}


def test_api_answers_503_problem_with_retry_after_when_the_database_is_unreachable():
    url = f"postgres://kbase@127.0.0.1:{free_port()}/kbase"
    with running_server(env={"DATABASE_URL": url, "DB_CONNECT_TIMEOUT": "2"}) as base:
        status, headers, body = http_get(base + "/api/v1/facts/")
        assert status == 503
        assert headers["Content-Type"] == "application/problem+json"
        assert json.loads(body)["status"] == 503
        assert int(headers["Retry-After"]) > 0


def test_the_local_database_names_the_three_ways_out_when_no_server_is_installed(tmp_path):
    import os
    import subprocess
    import sys

    from tests.helpers import PROJECT_DIR

    env = {**os.environ, "KBASE_PG_ROOT": str(tmp_path)}
    env.pop("PG_BINDIR", None)
    result = subprocess.run(
        [sys.executable, "scripts/localdb.py", "start"], cwd=PROJECT_DIR, env=env,
        capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    for way_out in ("make install", "DATABASE_URL", "docker compose up"):
        assert way_out in result.stderr
