"""kbase's benchmark: `make bench` (BENCH_FACTS, BENCH_DURATION, BENCH_ROUNDS),
`make bench-smoke`.

Every figure is a ratio against floors measured in the same run on the same
machine: the physical floor (bench/floor.py: JSON built by PostgreSQL, served by
a bare WSGI app), the same answers from a bare Django view behind kbase's
middleware (bench/plain/django_floor.py: what Django's request cycle adds) and a
plain DRF build on the same tables (bench/plain/). All are served by the same
gunicorn configuration, the one docs/operations.md recommends for production, on
loopback; wrk drives them from another process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from bench.database import bench_url, recorded_size, recreate, server_environment
from bench.report import judge, write
from bench.results import (
    CSV,
    DETAIL,
    ENGLISH_SEARCH,
    FILTERED,
    KOREAN_SEARCH,
    LIST,
    LOOKUP,
    MATCH,
    RESULTS,
    ROOT,
    Results,
    Run,
)

# The servers' environment: kbase's runtime dependencies only, as in production
# (`make bench` builds it; see the Makefile).
SERVER_BIN = ROOT / ".venv-serve" / "bin"

KOREAN_QUERIES = ["인재", "전문가", "비자", "연구자", "특허", "관광객", "의대", "AI 인재",
                  "스타트업", "유출"]
ENGLISH_QUERIES = ["talent", "visa", "experts", "researchers", "patents", "tourists",
                   "medical school", "AI talent", "startups", "brain drain"]


# --- Servers -----------------------------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn serving `app` with kbase's gunicorn.conf.py, from this checkout or
    from another tree of it (`root`, for bench.ab)."""

    def __init__(self, name: str, app: str, env: dict[str, str], ready_path: str,
                 root: Path = ROOT):
        self.name, self.port = name, free_port()
        self.ready_path = ready_path
        self.log = open(RESULTS / f".{name}.log", "w")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [str(SERVER_BIN / "gunicorn"), "--config", str(root / "gunicorn.conf.py"), app],
            env={**env, "PORT": str(self.port), "PYTHONPATH": str(root)}, cwd=root,
            stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, path: str) -> urllib.request.Request:
        # Production settings redirect plain HTTP; the proxy header says it was HTTPS.
        return urllib.request.Request(self.base + path, headers={"X-Forwarded-Proto": "https"})

    def wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} server exited; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.request(self.ready_path),
                                            timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"{self.name} server did not answer {self.ready_path}")

    def worker_memory(self) -> dict[str, float]:
        """Largest worker's RSS, PSS (its shared pages divided among the processes that
        share them: the Korean dictionary is a file every worker maps) and private
        (unshared) memory, in MB."""
        workers = [pid for pid in _children(self.process.pid)]
        rss, pss, private = [], [], []
        for pid in workers:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            values = {line.split(":")[0]: int(line.split()[1]) for line in rollup.splitlines()[1:]}
            rss.append(values["Rss"] / 1024)
            pss.append(values["Pss"] / 1024)
            private.append((values["Private_Clean"] + values["Private_Dirty"]) / 1024)
        return {"workers": len(workers), "max_rss": round(max(rss), 1),
                "max_pss": round(max(pss), 1), "max_private": round(max(private), 1)}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Redis:
    """A private Redis for the run: the shared cache docs/operations.md recommends for
    production (throttle counts without SQL, shared by every worker)."""

    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


# --- Scenarios ---------------------------------------------------------------

def claims(url: str, count: int = 20) -> list[str]:
    """What a fact-checker asks: published facts' texts, half Korean and half English,
    with their first number changed (the answer matching exists for)."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT text_ko, text_en FROM facts_fact WHERE status = 'published' "
            "AND text_ko ~ '[0-9]' AND text_en ~ '[0-9]' ORDER BY random() LIMIT %s",
            [count]).fetchall()
    return [re.sub(r"[0-9]+", lambda m: str(int(m[0]) + 1), text, count=1)
            for i, (ko, en) in enumerate(rows) for text in [ko if i % 2 else en]]


def embed_claims(env: dict[str, str], texts: list[str]) -> tuple[list[str], list[float]]:
    """The claims' query vectors (for the floor) and the milliseconds each took to
    embed, by kbase's embedder in a process of its own, after one unmeasured claim."""
    code = (
        "import json, sys, time, django\n"
        "django.setup()\n"
        "from kbase.core.embeddings import as_halfvec, embedder\n"
        "model = embedder()\n"
        "model.query('warm-up')\n"
        "vectors, ms = [], []\n"
        "for text in json.loads(sys.argv[1]):\n"
        "    started = time.perf_counter()\n"
        "    vector = model.query(text)\n"
        "    ms.append((time.perf_counter() - started) * 1000)\n"
        "    vectors.append(as_halfvec(vector))\n"
        "print(json.dumps([vectors, ms]))\n")
    output = subprocess.run([sys.executable, "-c", code, json.dumps(texts)], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    vectors, ms = json.loads(output.strip().splitlines()[-1])
    return vectors, ms


@dataclass
class Scenario:
    name: str
    paths: dict[str, list[str]]  # server name -> request paths
    connections: tuple[int, ...] = (8,)


def scenarios(url: str, claim_texts: Sequence[str] = ()) -> list[Scenario]:
    """Request paths drawn from the generated data (claim matching's with
    `claim_texts`: the floor reads their vectors from BENCH_CLAIM_VECTORS)."""
    from urllib.parse import quote

    from kbase.core.search import korean_tokens

    rng = random.Random(7)
    with psycopg.connect(url) as conn:
        ids = [str(row[0]) for row in conn.execute(
            "SELECT public_id FROM facts_fact WHERE status = 'published' "
            "ORDER BY random() LIMIT 500")]
        topics = [row[0] for row in conn.execute(
            "SELECT slug FROM facts_topic ORDER BY slug")]
        sources = conn.execute(
            "SELECT id, url, normalized_url FROM sources_source WHERE url <> '' "
            "ORDER BY random() LIMIT 300").fetchall()
    years = [f"{year}-01-01" for year in range(2015, 2026)]
    filters = [(rng.choice(topics), rng.choice(years)) for _ in range(100)]

    def tsquery(words: str, korean: bool) -> str:
        tokens = korean_tokens(words) if korean else words.split()
        return " & ".join(tokens)

    def variant(raw: str) -> str:
        # What a fact-checker pastes: tracking removed, another scheme, a fragment.
        return rng.choice([raw, raw.split("?")[0], raw.replace("https://", "http://"),
                           raw.split("?")[0] + "#comments"])

    return [
        Scenario(LIST, {
            "kbase": ["/api/v1/facts/?page_size=50", "/api/v1/facts/?page_size=50&lang=ko"],
            # The references serve the same pages in the same languages.
            "floor": ["/facts/?limit=50", "/facts/?limit=50&lang=ko"],
            "django": ["/django-floor/facts/?limit=50", "/django-floor/facts/?limit=50&lang=ko"],
            "plain": ["/facts/?page_size=50"]}),
        Scenario(DETAIL, {
            "kbase": [f"/api/v1/facts/{i}/" for i in ids],
            "floor": [f"/facts/{i}/" for i in ids],
            "django": [f"/django-floor/facts/{i}/" for i in ids],
            "plain": [f"/facts/{i}/" for i in ids]}),
        Scenario(FILTERED, {
            "kbase": [f"/api/v1/facts/?page_size=50&topic={t}&as_of_after={d}"
                      for t, d in filters],
            "floor": [f"/facts/?limit=50&topic={t}&after={d}" for t, d in filters],
            "plain": [f"/facts/?page_size=50&topics__slug={t}&as_of__gte={d}"
                      for t, d in filters]}),
        # A Korean search is a Korean reader's: results in Korean, highlighted by the
        # Korean analyser (the floor serves them in Korean, without highlights).
        Scenario(KOREAN_SEARCH, {
            "kbase": [f"/api/v1/search/?q={quote(q)}&lang=ko" for q in KOREAN_QUERIES],
            "floor": [f"/search/?ts={quote(tsquery(q, True))}&lang=ko"
                      for q in KOREAN_QUERIES]},
            connections=(1, 8)),
        Scenario(ENGLISH_SEARCH, {
            "kbase": [f"/api/v1/search/?q={quote(q)}" for q in ENGLISH_QUERIES],
            "floor": [f"/search/?ts={quote(tsquery(q, False))}" for q in ENGLISH_QUERIES]},
            connections=(1, 8)),
        Scenario(LOOKUP, {
            "kbase": [f"/api/v1/sources/lookup/?url={quote(variant(u), safe='')}"
                      for _, u, _ in sources],
            "floor": [f"/lookup/?key={quote(key, safe='')}" for _, _, key in sources]}),
        Scenario(CSV, {
            "kbase": [f"/api/v1/facts/csv/?source={pk}" for pk, _, _ in sources],
            "floor": [f"/csv/?source={pk}" for pk, _, _ in sources]}),
        *([Scenario(MATCH, {
            "kbase": [f"/api/v1/match/?text={quote(text)}" for text in claim_texts],
            "floor": [f"/match/?claim={n}" for n in range(len(claim_texts))]},
            connections=(1, 8))] if claim_texts else []),
    ]


def run_wrk(server: Server, paths: list[str], connections: int, duration: int) -> dict:
    path_file = RESULTS / f".paths-{server.name}.txt"
    path_file.write_text("\n".join(paths) + "\n")
    command = ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{duration}s",
               "--timeout", "10s", "-s", str(ROOT / "bench" / "wrk_report.lua"), server.base,
               "--", str(path_file)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- Queries per request -----------------------------------------------------

def count_queries(env: dict[str, str], paths: list[str]) -> dict[str, int]:
    """SQL queries each path costs, counted in a Django process of its own."""
    code = (
        "import json, sys, django\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "counts = {}\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    client.get(path, secure=True)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        response = client.get(path, secure=True)\n"
        "    assert response.status_code == 200, (path, response.status_code)\n"
        "    counts[path] = len(queries)\n"
        "print(json.dumps(counts))\n")
    output = subprocess.run([sys.executable, "-c", code, json.dumps(paths)], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def read_paths(plan: list[Scenario]) -> list[str]:
    """One request to each of kbase's read endpoints (the list at three sizes)."""
    def first(scenario: str) -> str:
        return next(p for s in plan if s.name == scenario for p in s.paths["kbase"])

    detail = first(DETAIL)
    source = first(CSV).rsplit("=", 1)[1]
    return ["/api/v1/facts/?page_size=1", "/api/v1/facts/?page_size=50",
            "/api/v1/facts/?page_size=200", detail, first(KOREAN_SEARCH),
            first(ENGLISH_SEARCH), first(LOOKUP), "/api/v1/sources/",
            f"/api/v1/sources/{source}/", f"/api/v1/sources/{source}/facts/",
            detail + "history/", "/api/v1/changes/"]


# --- Reads with a streaming replica -------------------------------------------

REPLICA_SCENARIOS = (LIST, DETAIL)


def measure_with_replica(results: Results, url: str, env: dict[str, str],
                         plan: list[Scenario], duration: int, rounds: int) -> None:
    """The read scenarios again, on kbase with a streaming replica of the benchmark's
    cluster (pg_basebackup, devtools.pgcluster) taking the anonymous reads."""
    from urllib.parse import urlsplit, urlunsplit

    from devtools.pgcluster import Pair, clone_replica, server_bindir
    from devtools.pgcluster import Server as PostgresServer
    from kbase.core.pgtools import find_bindir

    parts = urlsplit(url)
    bindir = find_bindir(need="pg_basebackup")
    if bindir is None:
        print("    (no pg_basebackup: the replica scenario is left out)")
        return
    bindir = server_bindir(bindir)
    # The running cluster, as pgcluster sees a primary: only its binaries and port matter.
    primary = PostgresServer(bindir=bindir, data=Path("/nonexistent"), port=parts.port,
                             options="")
    # Short: the replica's Unix socket lives in it.
    root = Path(tempfile.mkdtemp(prefix="kbase-replica-"))
    print("==> reads with a streaming replica (pg_basebackup of the benchmark's cluster)")
    replica = clone_replica(primary, root)
    try:
        Pair(primary=primary, replica=replica).wait_for_replay(timeout=120)
        replica_url = urlunsplit(parts._replace(
            netloc=f"{parts.username}@127.0.0.1:{replica.port}"))
        server = Server("replica", "kbase.wsgi", {**env, "DATABASE_REPLICA_URLS": replica_url},
                        "/healthz")
        try:
            server.wait()
            reads = [Scenario(s.name, {"replica": s.paths["kbase"]}) for s in plan
                     if s.name in REPLICA_SCENARIOS]
            measure(results, {"replica": server}, reads, duration, rounds)
        finally:
            server.stop()
    finally:
        replica.stop(mode="immediate")
        shutil.rmtree(root, ignore_errors=True)


# --- The run -----------------------------------------------------------------

def prepare(url: str, facts: int) -> dict | None:
    """Generate the data unless the database already holds this size."""
    if recorded_size(url) == facts:
        print(f"==> reusing the benchmark database ({facts:,} generated facts)")
        # This code's migrations and SQL functions (installed on every migrate).
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
                       env=server_environment(url), cwd=ROOT, check=True)
        return None
    print(f"==> generating {facts:,} facts into {url.rsplit('/', 1)[1]}")
    recreate(url)
    output = subprocess.run([sys.executable, "-m", "bench.prepare", "--facts", str(facts)],
                            env=server_environment(url), cwd=ROOT, check=True,
                            stdout=subprocess.PIPE, text=True).stdout
    load = json.loads(output.strip().splitlines()[-1])
    print(f"    loaded {load['total_rows']:,} rows in {load['total_seconds']} s "
          f"({load['rows_per_second']:,} rows/s): "
          + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in load["seconds"].items()))
    return load


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown")
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory / 1024**2, 1),
            "python": sys.version.split()[0]}


def warm(server: Server, paths: list[str]) -> None:
    """Every path once, so no server is measured reading from disk what the one before
    it brought into memory (the rows a path reads are scattered over the tables)."""
    for path in paths:
        try:
            with urllib.request.urlopen(server.request(path), timeout=30) as response:
                response.read()
        except OSError:
            pass  # a failing path shows up in the measured run


def csv_rows_per_response(server: Server, paths: list[str]) -> float:
    """The mean number of rows (lines after the header) each path's CSV holds."""
    counts = []
    for path in paths:
        with urllib.request.urlopen(server.request(path), timeout=30) as response:
            counts.append(response.read().count(b"\n") - 1)
    return sum(counts) / len(counts)


def measure(results: Results, servers: dict[str, Server], plan: list[Scenario],
            duration: int, rounds: int = 1) -> None:
    """Each scenario on each server, `rounds` times in alternation: the machine's speed
    drifts within minutes, and alternating lets every server meet the same drift."""
    rows: dict[str, float] = {}
    for scenario in plan:
        for connections in scenario.connections:
            for round_number in range(rounds):
                for name, paths in scenario.paths.items():
                    server = servers[name]
                    if connections == scenario.connections[0] and round_number == 0:
                        warm(server, paths)
                        if scenario.name == CSV:
                            rows[name] = csv_rows_per_response(server, paths)
                    run_wrk(server, paths, connections, max(1, duration // 5))  # warm up
                    raw = run_wrk(server, paths, connections, duration)
                    seconds = raw["duration_us"] / 1e6
                    run = Run(server=name, scenario=scenario.name, connections=connections,
                              requests=raw["requests"],
                              rps=round(raw["requests"] / seconds, 1),
                              errors=raw["errors"], non_2xx=raw["non_2xx"],
                              latency_ms={k: round(v / 1000, 2)
                                          for k, v in raw["latency_us"].items()},
                              round=round_number,
                              rows_per_response=rows.get(name))
                    results.runs.append(run)
                    print(f"    {scenario.name:<34} {name:<6} c={connections:<2} "
                          f"{run.rps:>8.1f} req/s  p50 {run.latency_ms['p50']:>7.2f} ms  "
                          f"p99 {run.latency_ms['p99']:>7.2f} ms"
                          + (f"  ERRORS {run.errors + run.non_2xx}"
                             if run.errors or run.non_2xx else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--facts", type=int, default=int(os.environ.get("BENCH_FACTS", 100_000)))
    parser.add_argument("--duration", type=int,
                        default=int(os.environ.get("BENCH_DURATION", 10)),
                        help="seconds of load per scenario and server")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 1)),
                        help="runs of each server on each scenario, alternating (medians)")
    parser.add_argument("--smoke", action="store_true",
                        help="tiny run for CI: checks everything works, judges no target")
    args = parser.parse_args()
    for tool in ("wrk", "redis-server"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (Debian packages wrk and redis-server; "
                             "`make bench` installs them)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    # The smoke run keeps to its own database: the full size's data takes minutes to load.
    url = bench_url(os.environ["DATABASE_URL"],
                    "kbase_bench_smoke" if args.smoke else "kbase_bench")
    results = Results(started=datetime.now(UTC).isoformat(timespec="seconds"),
                      machine=machine(), facts=args.facts, duration=args.duration,
                      rounds=args.rounds)
    results.load = prepare(url, args.facts)

    redis = Redis()
    # Throttles count every request (their cost is measured) but never refuse one.
    env = server_environment(url, REDIS_URL=redis.url, KBASE_THROTTLE_ANON="1000000/second",
                             KBASE_THROTTLE_DUMP="1000000/second",
                             KBASE_THROTTLE_MATCH="1000000/second")
    claim_texts = claims(url)
    if claim_texts:  # (a database without published facts holding numbers has none)
        vectors, embedding_ms = embed_claims(env, claim_texts)
        results.embedding_ms = {"median": round(statistics.median(embedding_ms), 1),
                                "max": round(max(embedding_ms), 1)}
        print(f"==> one claim embedded in {results.embedding_ms['median']} ms (median of "
              f"{len(embedding_ms)}, slowest {results.embedding_ms['max']} ms)")
        vector_file = RESULTS / ".claim-vectors.json"
        vector_file.write_text(json.dumps(vectors))
        env["BENCH_CLAIM_VECTORS"] = str(vector_file)
    plan = scenarios(url, claim_texts)
    # The bare Django view and the plain DRF build: kbase's settings, bench.plain's URLs.
    plain_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.plain.settings"}
    servers = {
        "kbase": Server("kbase", "kbase.wsgi", env, "/healthz"),
        "floor": Server("floor", "bench.floor:application", env, "/facts/?limit=1"),
        "django": Server("django", "kbase.wsgi", plain_env, "/django-floor/facts/?limit=1"),
        "plain": Server("plain", "kbase.wsgi", plain_env, "/facts/?page_size=1"),
    }
    try:
        for server in servers.values():
            server.wait()
        print(f"==> load: wrk, {args.duration} s a run, after a warm-up, "
              f"{args.rounds} round{'s' if args.rounds > 1 else ''}")
        measure(results, servers, plan, args.duration, args.rounds)
        results.rss_mb = {name: server.worker_memory() for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.stop()
    measure_with_replica(results, url, env, plan, args.duration, args.rounds)

    print("==> queries per request")
    try:
        results.queries = count_queries(env, read_paths(plan))
        results.queries.update({f"plain {path}": n for path, n in count_queries(
            plain_env, ["/facts/?page_size=1", "/facts/?page_size=50"]).items()})
    finally:
        redis.stop()
    for path, count in results.queries.items():
        print(f"    {count:>3}  {path}")

    results.targets = judge(results, smoke=args.smoke)
    paths = write(results)
    print(paths["markdown"].read_text())
    print(f"==> results: {', '.join(str(p.relative_to(ROOT)) for p in paths.values())}")
    failed_requests = sum(run.errors + run.non_2xx for run in results.runs)
    if failed_requests:
        print(f"!! {failed_requests} requests failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
