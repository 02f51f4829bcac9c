"""The benchmark's own database, beside the project's: created, migrated and filled
once per size, then reused by later runs of the same size."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg

# Bumped whenever the generator changes what it writes, so old data is rebuilt.
GENERATOR_VERSION = "5"


def bench_url(base_url: str, name: str = "kbase_bench") -> str:
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection(url: str) -> psycopg.Connection:
    return psycopg.connect(bench_url(url, "postgres"), autocommit=True)


def recorded_size(url: str) -> int | None:
    """The number of generated facts the database holds, if this generator made it."""
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            row = conn.execute("SELECT facts FROM bench_meta WHERE generator = %s",
                               [GENERATOR_VERSION]).fetchone()
    except psycopg.Error:
        return None
    return row[0] if row else None


def recreate(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def record_size(url: str, facts: int) -> None:
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_meta (generator text, facts int)")
        conn.execute("DELETE FROM bench_meta")
        conn.execute("INSERT INTO bench_meta VALUES (%s, %s)", [GENERATOR_VERSION, facts])


def server_environment(url: str, **extra: str) -> dict[str, str]:
    """What kbase's production settings need to run on loopback. The benchmark
    plays the TLS-terminating proxy (X-Forwarded-Proto: https), so its address is
    trusted as one."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kbase.settings.production",
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_HSTS_SECONDS": "0",
        "KBASE_TRUSTED_PROXIES": "127.0.0.1",
        "GUNICORN_ACCESSLOG": "",
        **extra,
    }
