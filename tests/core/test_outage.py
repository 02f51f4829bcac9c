"""The database goes away under a running server, then comes back."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kbase.core.pgtools import find_bindir
from tests.helpers import PROJECT_DIR, free_port, http_get, running_server

AS_ROOT = os.geteuid() == 0


def run_as_server_user(argv: list[str]) -> None:
    if AS_ROOT:
        argv = ["runuser", "-u", "postgres", "--", *argv]
    subprocess.run(argv, check=True, capture_output=True, cwd="/", timeout=120)


@pytest.fixture
def private_cluster():
    """A PostgreSQL cluster of the test's own, to stop and start at will."""
    bindir = find_bindir(need="initdb")
    assert bindir is not None, "PostgreSQL server binaries are needed (make test installs them)"
    root = Path(tempfile.mkdtemp(prefix="kbase-outage-"))
    root.chmod(0o755)
    if AS_ROOT:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", free_port()
    run_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", "kbase",
                        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"

    def start():
        run_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-l",
                            str(root / "log"), "-w", "-o", options, "start"])

    def stop():
        run_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                            "-w", "stop"])

    start()
    subprocess.run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U",
                    "kbase", "kbase"], check=True, timeout=60)
    url = f"postgres://kbase@127.0.0.1:{port}/kbase"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "kbase.settings.test"}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"],
                   cwd=PROJECT_DIR, env=env, check=True, capture_output=True, timeout=300)
    try:
        yield url, start, stop
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", str(bindir / "pg_ctl"), "-D",
                        str(data), "-m", "immediate", "stop"] if AS_ROOT else
                       [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, cwd="/", check=False)
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

