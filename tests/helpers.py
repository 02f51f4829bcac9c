"""Helpers for tests that run kbase as a real server process."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
TYPESCRIPT_DIR = PROJECT_DIR / "clients" / "typescript"


def typescript_node_modules() -> Path:
    """clients/typescript/node_modules as package-lock.json pins it (the tools that
    generate, type-check and bundle the TypeScript client), installed the way `make
    clients` installs it, and again when package.json or the lock file changed since."""
    modules = TYPESCRIPT_DIR / "node_modules"
    stamp = modules / ".installed-stamp"
    wanted = max((TYPESCRIPT_DIR / name).stat().st_mtime
                 for name in ("package.json", "package-lock.json"))
    # Parallel test processes (pytest-xdist) install it once between them: the second
    # waits for the first's lock, then finds its stamp.
    with (TYPESCRIPT_DIR / "package-lock.json").open() as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists() or stamp.stat().st_mtime < wanted:
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"],
                           cwd=TYPESCRIPT_DIR, check=True, timeout=300)
            stamp.touch()
    return modules


def current_database_url() -> str:
    """DATABASE_URL of the database the test run uses, for servers it starts."""
    from django.db import connection

    database = connection.settings_dict
    return (f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    return http_request("GET", url, timeout=timeout)


def http_request(method: str, url: str, *, json_body=None, headers: dict | None = None,
                 timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request; answers (status, headers, body), errors included."""
    data = None if json_body is None else json.dumps(json_body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        **({"Content-Type": "application/json"} if data is not None else {}),
        **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@contextmanager
def running_server(*, env: dict[str, str], settings: str = "kbase.settings.test",
                   workers: int | None = 1):
    """A gunicorn process serving kbase on a free loopback port; yields its base URL.
    `workers=None` leaves the number of processes to gunicorn.conf.py."""
    port = free_port()
    process_env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **env}
    # The server's log goes to a file: a pipe nobody reads fills up after a few
    # thousand logged requests and then blocks the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
             "--bind", f"127.0.0.1:{port}",
             *(["--workers", str(workers)] if workers else []),
             "--access-logfile", "/dev/null", "kbase.wsgi"],
            cwd=PROJECT_DIR, env=process_env, stdout=subprocess.DEVNULL, stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    # As a TLS-terminating proxy would say (production redirects to
                    # HTTPS otherwise); other settings ignore the header.
                    http_request("GET", base + "/healthz", timeout=1,
                                 headers={"X-Forwarded-Proto": "https"})
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise RuntimeError(log.read().decode()) from None
                    time.sleep(0.1)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)
