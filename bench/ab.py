"""Two versions of kbase under the same load: `make bench-ab REF=<commit>`.

A benchmark table from another hour is no baseline on a shared machine (its speed
moves by a fifth between runs of one hour). This serves the commit REF (a git
worktree, by default the commit before HEAD) and this checkout side by side, with
the production settings, on the benchmark database of BENCH_FACTS facts, and runs
wrk against them in alternation (ROUNDS runs of DURATION seconds each), so both
meet the same machine. The database's schema and SQL functions are this
checkout's: a REF with other migrations is not comparable, and says so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.database import bench_url, server_environment
from bench.results import DETAIL, ENGLISH_SEARCH, KOREAN_SEARCH, LIST, RESULTS, ROOT
from bench.run import Redis, Server, prepare, run_wrk, scenarios, warm

SCENARIOS = (LIST, DETAIL, KOREAN_SEARCH, ENGLISH_SEARCH)


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ref", default=os.environ.get("REF") or "HEAD~1")
    parser.add_argument("--facts", type=int, default=int(os.environ.get("BENCH_FACTS", 100_000)))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("ROUNDS", 3)))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 8)))
    # Semicolons between names: some names hold a comma.
    parser.add_argument("--scenarios", default=os.environ.get("SCENARIOS", ";".join(SCENARIOS)),
                        help="names separated by semicolons, of those `make bench` runs")
    args = parser.parse_args()
    for tool in ("wrk", "redis-server"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (`make bench-ab` installs it)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    commit = git("rev-parse", "--short", args.ref)
    if git("diff", "--name-only", args.ref, "--", "kbase/*/migrations/"):
        print(f"!! {commit} has other migrations than this checkout: the database is this "
              "checkout's, so the comparison is not fair", file=sys.stderr)
    url = bench_url(os.environ["DATABASE_URL"])
    prepare(url, args.facts)
    chosen = [name.strip() for name in args.scenarios.split(";") if name.strip()]
    plan = [s for s in scenarios(url) if s.name in chosen]
    if len(plan) != len(chosen):
        raise SystemExit(f"no such scenario among {[s.name for s in scenarios(url)]}")
    with tempfile.TemporaryDirectory(prefix="kbase-ab-") as tmp:
        tree = Path(tmp) / "ref"
        git("worktree", "add", "--detach", str(tree), args.ref)
        redis = Redis()
        env = server_environment(url, REDIS_URL=redis.url, KBASE_THROTTLE_ANON="1000000/second",
                                 KBASE_THROTTLE_DUMP="1000000/second")
        servers = {commit: Server("ab-ref", "kbase.wsgi", env, "/healthz", root=tree),
                   "this checkout": Server("ab-this", "kbase.wsgi", env, "/healthz")}
        try:
            for server in servers.values():
                server.wait()
            print(f"==> {args.rounds} alternating runs of {args.duration} s, "
                  f"{args.facts:,} facts")
            lines = [f"| scenario | clients | {commit} req/s | this checkout req/s | change |",
                     "|---|---:|---:|---:|---:|"]
            for scenario in plan:
                paths, connections = scenario.paths["kbase"], scenario.connections[-1]
                rps: dict[str, list[float]] = {name: [] for name in servers}
                for server in servers.values():
                    warm(server, paths)
                    run_wrk(server, paths, connections, 2)
                for _ in range(args.rounds):
                    for name, server in servers.items():
                        raw = run_wrk(server, paths, connections, args.duration)
                        if raw["errors"] or raw["non_2xx"]:
                            raise SystemExit(f"{name}: failed requests in {scenario.name}")
                        rps[name].append(raw["requests"] / (raw["duration_us"] / 1e6))
                before, after = (statistics.median(runs) for runs in rps.values())
                lines.append(f"| {scenario.name} | {connections} | {before:,.0f} | "
                             f"{after:,.0f} | {after / before - 1:+.0%} |")
                print(lines[-1])
        finally:
            for server in servers.values():
                server.stop()
            redis.stop()
            git("worktree", "remove", "--force", str(tree))
    print("\n" + "\n".join(lines) + "\n\n(medians of the runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
