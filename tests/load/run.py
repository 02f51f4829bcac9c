"""`make loadtest`: mixed reads and writes against a production-configured server.

    python -m tests.load.run [--duration 120] [--users 20] [--editors 4]

Expects DATABASE_URL (the project-local cluster via `scripts/localdb.py exec`). Builds a
fresh database beside it (`kbase_load`): migrations, the cache table, the seed facts, and
one editor account with its own API token per simulated editor. Serves it with gunicorn
and the production settings on loopback (throttles counting, with rates too high to
refuse), runs locust headless (tests/load/locustfile.py), prints requests, failures,
requests/s and p50/p95/p99 per kind of request, and how many facts the editors wrote.
Exits 1 on any failed request.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
EDITOR_PREFIX = "load-editor-"


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


@dataclass
class LoadResult:
    rows: list[Row]  # one per kind of request, then the aggregated row
    failures_text: str
    returncode: int
    exceptions_text: str  # tracebacks of simulated clients that raised, if any
    log: str  # locust's own output

    @property
    def total(self) -> Row:
        return self.rows[-1]


def server_environment(database_url: str) -> dict[str, str]:
    """What the production settings need on loopback, with throttles that count but
    never refuse (the load test measures the service, not its rate limits). The
    load test plays the TLS-terminating proxy (X-Forwarded-Proto: https), so its
    address is trusted as one."""
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "load-test-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_HSTS_SECONDS": "0",
        "KBASE_TRUSTED_PROXIES": "127.0.0.1",
        "KBASE_THROTTLE_ANON": "1000000/minute",
        "KBASE_THROTTLE_USER": "1000000/minute",
        "KBASE_THROTTLE_DUMP": "1000000/minute",
    }


def prepare(*, editors: int, linked_sources: int = 20) -> list[str]:
    """Fill a migrated, empty database: the seed facts, `linked_sources` source
    editions with links (the seed's have none) for the lookup, and `editors` editor
    accounts (group `editor`); answers their API tokens, a fresh one each."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.core.management import call_command

    from kbase.core.services import api_token_create
    from kbase.facts.roles import roles_ensure
    from kbase.sources.models import Publisher
    from kbase.sources.services import source_create

    call_command("load_seed", verbosity=0)
    publishers = list(Publisher.objects.order_by("pk"))
    for n in range(1, linked_sources + 1):
        source_create(publisher=publishers[n % len(publishers)], slug=f"load-linked-{n}",
                      kind="article", language="ko" if n % 2 else "en",
                      title_en=f"A linked article {n}", title_ko=f"링크가 있는 기사 {n}",
                      url=f"https://news.example.kr/articles/{1000 + n}?section=economy")
    roles_ensure(Group, Permission)  # a flushed test database has no groups
    group = Group.objects.get(name="editor")
    tokens = []
    for n in range(1, editors + 1):
        user, _ = get_user_model().objects.get_or_create(username=f"{EDITOR_PREFIX}{n}")
        user.groups.add(group)
        tokens.append(api_token_create(user=user, name="load test")[1])
    return tokens


def run_locust(*, host: str, tokens: list[str], users: int, duration: int) -> LoadResult:
    """Run the locustfile headless against `host`; per-kind figures from its CSV."""
    with tempfile.TemporaryDirectory() as directory:
        prefix = os.path.join(directory, "load")
        env = {**os.environ, "LOADTEST_TOKENS": ",".join(tokens),
               "LOADTEST_EDITORS": str(len(tokens))}
        process = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
             "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{duration}s",
             "--stop-timeout", "10", "--host", host, "--csv", prefix, "--only-summary",
             "--loglevel", "WARNING"],
            cwd=LOCUSTFILE.parents[2], env=env, capture_output=True, text=True,
            timeout=duration + 120,
        )
        with open(prefix + "_stats.csv", newline="") as stats:
            rows = [Row(name=row["Name"], requests=int(row["Request Count"]),
                        failures=int(row["Failure Count"]),
                        rps=float(row["Requests/s"]), p50=float(row["50%"] or 0),
                        p95=float(row["95%"] or 0), p99=float(row["99%"] or 0))
                    for row in csv.DictReader(stats)]
        with open(prefix + "_failures.csv", newline="") as failures:
            failures_text = failures.read()
        with open(prefix + "_exceptions.csv", newline="") as exceptions:
            # A simulated client that raised: its requests may never have been counted.
            exceptions_text = "".join(exceptions.readlines()[1:])
    if process.returncode not in (0, 1) or not rows:
        raise RuntimeError(f"locust exited {process.returncode}:\n{process.stderr[-3000:]}")
    return LoadResult(rows=rows, failures_text=failures_text, returncode=process.returncode,
                      exceptions_text=exceptions_text, log=process.stderr)


def summary(result: LoadResult) -> str:
    lines = [f"{'request':<34} {'count':>7} {'fail':>5} {'req/s':>7} "
             f"{'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"]
    for row in result.rows:
        if row is result.total:
            lines.append("-" * len(lines[0]))
        lines.append(f"{row.name[:34]:<34} {row.requests:>7} {row.failures:>5} "
                     f"{row.rps:>7.1f} {row.p50:>7.0f} {row.p95:>7.0f} {row.p99:>7.0f}")
    return "\n".join(lines)


def _database_url(base_url: str, name: str) -> str:
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))


def _prepare_database(url: str) -> None:
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_database_url(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 120)))
    parser.add_argument("--users", type=int, default=int(os.environ.get("USERS", 20)))
    parser.add_argument("--editors", type=int, default=int(os.environ.get("EDITORS", 0)),
                        help="simulated editors among the users (default: a fifth)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)),
                        help="gunicorn processes (default: gunicorn.conf.py's)")
    parser.add_argument("--database", default="kbase_load")
    args = parser.parse_args(argv)
    editors = args.editors or max(1, args.users // 5)
    if not 1 <= editors < args.users:
        parser.error("--editors must leave at least one reader among the users")
    if "DATABASE_URL" not in os.environ:
        parser.error("DATABASE_URL is not set (run through `make loadtest`)")

    url = _database_url(os.environ["DATABASE_URL"], args.database)
    environment = server_environment(url)
    os.environ.update(environment, DJANGO_SETTINGS_MODULE="kbase.settings.production")
    print(f"==> preparing the database {args.database}", flush=True)
    _prepare_database(url)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    tokens = prepare(editors=editors)

    from tests.helpers import running_server

    print(f"==> serving with the production settings; {args.users} users "
          f"({editors} editors, {args.users - editors} readers) for {args.duration} s",
          flush=True)
    with running_server(env=environment, settings="kbase.settings.production",
                        workers=args.workers or None) as host:
        result = run_locust(host=host, tokens=tokens, users=args.users,
                            duration=args.duration)
    print(summary(result))
    written = writes_done()
    print(f"editors created {written['facts']} facts ({written['published']} published) "
          f"with {written['history']} history entries")
    total = result.total
    if total.failures or result.exceptions_text or result.returncode:
        print(f"FAILED: {total.failures} of {total.requests} requests failed\n"
              f"{result.failures_text}\n{result.exceptions_text}", file=sys.stderr)
        return 1
    print(f"OK: {total.requests} requests, 0 failures, {total.rps:.1f} requests/s")
    return 0


def writes_done() -> dict[str, int]:
    """What the simulated editors left in the database."""
    from kbase.facts.models import Fact

    facts = Fact.objects.filter(created_by__username__startswith=EDITOR_PREFIX)
    entries = [fact.events.count() for fact in facts]
    return {"facts": len(entries),
            "published": facts.filter(status=Fact.Status.PUBLISHED).count(),
            "history": sum(entries), "without_history": entries.count(0)}


if __name__ == "__main__":
    sys.exit(main())
