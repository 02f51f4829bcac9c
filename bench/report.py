"""The benchmark's verdicts and its outputs: JSON, a Markdown table, a PNG plot."""

from __future__ import annotations

import json
import statistics
import textwrap
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from bench.results import (
    CSV,
    DETAIL,
    ENGLISH_SEARCH,
    KOREAN_SEARCH,
    LIST,
    LOOKUP,
    MATCH,
    RESULTS,
    Results,
    Run,
    Target,
)

SEARCHES = (KOREAN_SEARCH, ENGLISH_SEARCH)


def _run(results: Results, scenario: str, server: str, connections: int = 8) -> Run | None:
    """The server's run of the scenario: with several rounds, their medians (of the
    throughput and of each latency percentile) and all their requests and errors."""
    runs = [r for r in results.runs if r.scenario == scenario and r.server == server
            and r.connections == connections]
    if len(runs) <= 1:
        return runs[0] if runs else None
    return Run(server=server, scenario=scenario, connections=connections,
               requests=sum(r.requests for r in runs),
               rps=statistics.median(r.rps for r in runs),
               errors=sum(r.errors for r in runs), non_2xx=sum(r.non_2xx for r in runs),
               latency_ms={key: round(statistics.median(r.latency_ms[key] for r in runs), 2)
                           for key in runs[0].latency_ms},
               rows_per_response=runs[0].rows_per_response)


def _rounds(results: Results, scenario: str, server: str, connections: int) -> dict[int, Run]:
    return {r.round: r for r in results.runs if r.scenario == scenario
            and r.server == server and r.connections == connections}


def ratio(results: Results, scenario: str, floor: str, connections: int = 8,
          server: str = "kbase",
          measure: Callable[[Run], float | None] = lambda run: run.rps) -> float | None:
    """kbase's throughput (or another `measure` of a run) over the reference's, each
    round against the same round's reference (the machine's speed drifts from minute
    to minute, and the medians of the two could come from different minutes), the
    median over rounds."""
    ours = _rounds(results, scenario, server, connections)
    theirs = _rounds(results, scenario, floor, connections)
    shares = [mine / reference for n in ours if n in theirs
              if (mine := measure(ours[n])) is not None
              and (reference := measure(theirs[n]))]
    return statistics.median(shares) if shares else None


def p99_ratio(results: Results, scenario: str, connections: int) -> float | None:
    """kbase's p99 over the floor's, paired by round as ratio() is."""
    ours = _rounds(results, scenario, "kbase", connections)
    floors = _rounds(results, scenario, "floor", connections)
    shares = [ours[n].latency_ms["p99"] / floors[n].latency_ms["p99"]
              for n in ours if n in floors and floors[n].latency_ms["p99"]]
    return statistics.median(shares) if shares else None


def rows_per_second(run: Run | None) -> float | None:
    return run.rps * run.rows_per_response if run and run.rows_per_response else None


# Targets, each a ratio to a reference measured in the same run (a latency or a
# throughput alone passes or fails with the machine's hour). (name, minimum)
LIST_OF_DJANGO, LIST_OF_FLOOR, LIST_OVER_PLAIN = 0.90, 0.75, 5.0
DETAIL_OF_DJANGO = 0.80
SEARCH_OF_FLOOR, SEARCH_P99_OVER_FLOOR = 0.80, 1.25
LOOKUP_OF_FLOOR = 0.70
MAX_QUERIES = 3
MAX_RSS_MB = 150
LOAD_SIZE, MAX_LOAD_SECONDS = 1_000_000, 600


def judge(results: Results, *, smoke: bool = False) -> list[Target]:
    """Each target with what was measured. A smoke run is too small to judge speed:
    it reports, it does not judge."""
    targets = []

    def add(name: str, passed: bool | None, detail: str) -> None:
        targets.append(Target(name, passed, detail))

    def at_least(name: str, share: float | None, minimum: float, note: str = "") -> None:
        if share is not None:
            shown = f"{share:.1f}×" if minimum >= 1 else f"{share:.0%}"
            add(name, share >= minimum, shown + note)

    def of_floor(scenario: str) -> str:
        share = ratio(results, scenario, "floor")
        return "" if share is None else f" (of the floor: {share:.0%})"

    at_least(f"facts list ≥ {LIST_OF_DJANGO:.0%} of the bare Django view",
             ratio(results, LIST, "django"), LIST_OF_DJANGO)
    at_least(f"facts list ≥ {LIST_OF_FLOOR:.0%} of the floor",
             ratio(results, LIST, "floor"), LIST_OF_FLOOR)
    at_least(f"facts list ≥ {LIST_OVER_PLAIN:.0f}× plain DRF",
             ratio(results, LIST, "plain"), LIST_OVER_PLAIN)
    at_least(f"fact detail ≥ {DETAIL_OF_DJANGO:.0%} of the bare Django view",
             ratio(results, DETAIL, "django"), DETAIL_OF_DJANGO, of_floor(DETAIL))
    for scenario in SEARCHES:
        for connections in (1, 8):
            clients = f"{connections} client{'s' if connections > 1 else ''}"
            at_least(f"{scenario}, {clients}: ≥ {SEARCH_OF_FLOOR:.0%} of the floor's req/s",
                     ratio(results, scenario, "floor", connections), SEARCH_OF_FLOOR)
            share = p99_ratio(results, scenario, connections)
            if share is not None:
                ours = _run(results, scenario, "kbase", connections)
                floor = _run(results, scenario, "floor", connections)
                assert ours is not None and floor is not None
                add(f"{scenario}, {clients}: p99 ≤ {SEARCH_P99_OVER_FLOOR}× the floor's",
                    share <= SEARCH_P99_OVER_FLOOR,
                    f"{share:.2f}× ({ours.latency_ms['p99']:.1f} ms, floor "
                    f"{floor.latency_ms['p99']:.1f} ms)")
    at_least(f"URL lookup ≥ {LOOKUP_OF_FLOOR:.0%} of the floor",
             ratio(results, LOOKUP, "floor"), LOOKUP_OF_FLOOR)
    csv_rows, copy_rows = (rows_per_second(_run(results, CSV, server))
                           for server in ("kbase", "floor"))
    csv_share = ratio(results, CSV, "floor", measure=rows_per_second)
    if csv_rows is not None:
        add("CSV export rows/s (reported against COPY)", None,
            f"{csv_rows:,.0f} rows/s" + (f", COPY {copy_rows:,.0f} rows/s ({csv_share:.0%})"
                                         if copy_rows and csv_share is not None else ""))
    # Claim matching embeds the claim (tens of ms of one core) before its query; the
    # floor runs the query alone with the vector computed beforehand: reported.
    for connections in (1, 8):
        share = ratio(results, MATCH, "floor", connections)
        ours = _run(results, MATCH, "kbase", connections)
        floor = _run(results, MATCH, "floor", connections)
        if share is not None and ours is not None and floor is not None:
            add(f"{MATCH}, {connections} client{'s' if connections > 1 else ''} "
                "(reported against the same query with a precomputed vector)", None,
                f"{share:.0%} of the floor's req/s; p99 {ours.latency_ms['p99']:.1f} ms, "
                f"floor {floor.latency_ms['p99']:.1f} ms")
    if results.embedding_ms:
        add("one claim embedded (reported)", None,
            f"{results.embedding_ms['median']:.1f} ms median, "
            f"{results.embedding_ms['max']:.1f} ms slowest")
    reads = {path: n for path, n in results.queries.items() if not path.startswith("plain ")}
    if reads:
        add(f"≤ {MAX_QUERIES} queries per request, every read endpoint",
            max(reads.values()) <= MAX_QUERIES,
            f"at most {max(reads.values())} ({len(reads)} endpoints)")
    list_counts = {path: n for path, n in reads.items()
                   if path.startswith("/api/v1/facts/?page_size=")}
    if len(list_counts) > 1:
        add("the same queries per list page, whatever its size",
            len(set(list_counts.values())) == 1,
            ", ".join(f"{path.split('=')[-1]}: {n}" for path, n in list_counts.items()))
    if "kbase" in results.rss_mb:
        memory = results.rss_mb["kbase"]
        # PSS counts the pages workers share (the analyser's dictionary is one file,
        # mapped by every worker) once among them; the target is RSS.
        shared = f" (PSS {memory['max_pss']:.0f} MB)" if "max_pss" in memory else ""
        add(f"worker RSS < {MAX_RSS_MB} MB (Korean analyser loaded)",
            memory["max_rss"] < MAX_RSS_MB, f"{memory['max_rss']:.0f} MB{shared}")
    if results.load:
        seconds = results.load["total_seconds"]
        hnsw = results.load.get("seconds", {}).get("hnsw index")
        add(f"{LOAD_SIZE:,} facts loaded in < {MAX_LOAD_SECONDS // 60} minutes",
            seconds < MAX_LOAD_SECONDS if results.facts >= LOAD_SIZE else None,
            f"{results.facts:,} facts in {seconds:.0f} s"
            + (f" (of which the HNSW index {hnsw:.0f} s)" if hnsw else "")
            + ("" if results.facts >= LOAD_SIZE else " (judged at full size only)"))
    if smoke:
        targets = [Target(t.name, None, t.detail + " (smoke run: not judged)") for t in targets]
    return targets


def markdown(results: Results) -> str:
    rounds = (f"; medians of {results.rounds} alternating rounds (a ratio: the median of "
              f"each round's ratio)" if results.rounds > 1 else "")
    lines = [f"# kbase benchmark, {results.started}", "",
             f"{results.facts:,} generated facts; {results.duration} s of load a run{rounds}; "
             f"{results.machine['cores']} cores ({results.machine['cpu']}), "
             f"{results.machine['memory_gb']} GB, Python {results.machine['python']}.", ""]
    if results.load:
        load = results.load
        hnsw = load.get("seconds", {}).get("hnsw index")
        lines += [f"Load: {load['total_rows']:,} rows in {load['total_seconds']} s "
                  f"({load['rows_per_second']:,} rows/s): "
                  + ", ".join(f"{k} {v:,}" for k, v in load["rows"].items())
                  + (f"; the embeddings' HNSW index built in {hnsw:.1f} s" if hnsw else ""),
                  ""]
    lines += ["| scenario | clients | kbase req/s | p50 ms | p95 ms | p99 ms | floor req/s "
              "| kbase/floor | bare Django view req/s | kbase/Django view "
              "| plain DRF req/s | kbase/plain |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    seen = []
    for run in results.runs:
        key = (run.scenario, run.connections)
        if run.server != "kbase" or key in seen:
            continue
        seen.append(key)
        run = _run(results, run.scenario, "kbase", run.connections) or run
        cells = [run.scenario, run.connections, f"{run.rps:,.0f}", run.latency_ms["p50"],
                 run.latency_ms["p95"], run.latency_ms["p99"]]
        for server, share in (("floor", "{:.0%}"), ("django", "{:.0%}"), ("plain", "{:.1f}×")):
            reference = _run(results, run.scenario, server, run.connections)
            paired = ratio(results, run.scenario, server, run.connections)
            # A reference that answered nothing in time (rps 0) has no ratio.
            cells += ([f"{reference.rps:,.0f}", share.format(paired)]
                      if reference and paired is not None else ["–", "–"])
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    replica_rows = [(replica, _run(results, replica.scenario, "kbase", replica.connections))
                    for key in dict.fromkeys((run.scenario, run.connections)
                                             for run in results.runs if run.server == "replica")
                    if (replica := _run(results, key[0], "replica", key[1]))]
    if replica_rows:
        lines += ["", "Reads with one primary and one streaming replica on this same machine, "
                  "against the primary alone:", "",
                  "| scenario | clients | primary alone req/s | primary + replica req/s | ratio |",
                  "|---|---:|---:|---:|---:|"]
        lines += [f"| {run.scenario} | {run.connections} | {alone.rps:,.0f} | {run.rps:,.0f} "
                  f"| {run.rps / alone.rps:.2f} |" for run, alone in replica_rows
                  if alone and alone.rps]
    lines += ["", "| target | measured | holds |", "|---|---|---|"]
    verdicts = {True: "yes", False: "**no**", None: "reported"}
    lines += [f"| {t.name} | {t.detail} | {verdicts[t.passed]} |" for t in results.targets]
    lines += ["", "Queries per request: "
              + "; ".join(f"`{path}` {n}" for path, n in results.queries.items()), "",
              "Worker memory (MB): " + "; ".join(
                  f"{name} RSS {m['max_rss']}, PSS {m.get('max_pss', '–')}, "
                  f"private {m['max_private']} ({m['workers']} workers)"
                  for name, m in results.rss_mb.items()), ""]
    return "\n".join(lines)


def plot(results: Results, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels, keys = [], []
    for run in results.runs:
        key = (run.scenario, run.connections)
        if key not in keys:
            keys.append(key)
            # Wrapped, so that long scenario names do not run into their neighbours.
            labels.append(textwrap.fill(run.scenario, 18) + f"\n({run.connections} client"
                          f"{'s' if run.connections > 1 else ''})")
    servers = [s for s in ("kbase", "floor", "django", "plain", "replica")
               if any(r.server == s for r in results.runs)]
    figure, (throughput, latency) = plt.subplots(2, 1, figsize=(12, 9), constrained_layout=True)
    width = 0.8 / len(servers)
    for offset, server in enumerate(servers):
        runs = [_run(results, scenario, server, connections) for scenario, connections in keys]
        xs = [i + offset * width for i in range(len(keys))]
        throughput.bar(xs, [r.rps if r else 0 for r in runs], width, label=server)
        for percentile, marker in (("p50", "o"), ("p95", "s"), ("p99", "^")):
            latency.scatter([x for x, r in zip(xs, runs, strict=True) if r],
                            [r.latency_ms[percentile] for r in runs if r], marker=marker,
                            label=f"{server} {percentile}")
    for axis in (throughput, latency):
        axis.set_xticks([i + 0.4 - width / 2 for i in range(len(keys))], labels, fontsize=7)
        axis.legend(fontsize=7, ncol=3)
    throughput.set_ylabel("requests per second")
    latency.set_ylabel("latency (ms, log)")
    latency.set_yscale("log")
    figure.suptitle(f"kbase benchmark: {results.facts:,} facts, {results.started}")
    figure.savefig(path, dpi=110)
    plt.close(figure)


def write(results: Results) -> dict[str, Path]:
    stamp = results.started.replace(":", "").replace("-", "").replace("+0000", "Z")
    paths = {"json": RESULTS / f"{stamp}.json", "markdown": RESULTS / f"{stamp}.md",
             "plot": RESULTS / f"{stamp}.png"}
    paths["json"].write_text(json.dumps(asdict(results), indent=2, ensure_ascii=False) + "\n")
    paths["markdown"].write_text(markdown(results))
    plot(results, paths["plot"])
    return paths


def load(path: Path) -> Results:
    """Results read back from their JSON file."""
    data = json.loads(path.read_text())
    data["runs"] = [Run(**run) for run in data["runs"]]
    data["targets"] = [Target(**target) for target in data["targets"]]
    return Results(**data)


if __name__ == "__main__":
    # python -m bench.report bench/results/<time>.json: judged again by this code, the
    # JSON, the Markdown and the plot written again.
    import sys

    results = load(Path(sys.argv[1]))
    smoke = any("(smoke run: not judged)" in target.detail for target in results.targets)
    results.targets = judge(results, smoke=smoke)
    for written in write(results).values():
        print(written)
