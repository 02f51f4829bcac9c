"""The benchmark's verdicts and its outputs: JSON, a Markdown table, a PNG plot."""

from __future__ import annotations

import json
import statistics
import textwrap
from dataclasses import asdict
from pathlib import Path

from bench.run import RESULTS, Results, Run, Target

LIST = "facts list (50, citations)"
DETAIL = "fact detail"
SEARCHES = ("Korean search", "English search")


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
                           for key in runs[0].latency_ms})


def ratio(results: Results, scenario: str, floor: str, connections: int = 8,
          server: str = "kbase") -> float | None:
    ours = _run(results, scenario, server, connections)
    theirs = _run(results, scenario, floor, connections)
    if ours is None or theirs is None or not theirs.rps:
        return None
    return ours.rps / theirs.rps


def judge(results: Results, *, smoke: bool = False) -> list[Target]:
    """The issue's targets, each with what was measured. A smoke run is too small
    to judge speed: it reports, it does not fail."""
    targets = []

    def add(name: str, passed: bool, detail: str) -> None:
        targets.append(Target(name, passed, detail))

    def django_view(scenario: str) -> str:
        # The same answer from a bare Django view: the most any Django view reaches.
        share = ratio(results, scenario, "floor", server="django")
        return "" if share is None else f" (a bare Django view: {share:.0%})"

    list_floor, list_plain = ratio(results, LIST, "floor"), ratio(results, LIST, "plain")
    if list_floor is not None:
        add("facts list ≥ 70% of the floor", list_floor >= 0.70,
            f"{list_floor:.0%}{django_view(LIST)}")
    if list_plain is not None:
        add("facts list ≥ 3× plain DRF", list_plain >= 3.0, f"{list_plain:.1f}×")
    detail_floor = ratio(results, DETAIL, "floor")
    if detail_floor is not None:
        add("fact detail ≥ 80% of the floor", detail_floor >= 0.80,
            f"{detail_floor:.0%}{django_view(DETAIL)}")
    for scenario in SEARCHES:
        one, eight = _run(results, scenario, "kbase", 1), _run(results, scenario, "kbase", 8)
        if one is not None:
            add(f"{scenario}: p95 < 30 ms at 1 client", one.latency_ms["p95"] < 30,
                f"{one.latency_ms['p95']:.1f} ms over {results.facts:,} facts")
        if eight is not None:
            add(f"{scenario}: p99 < 50 ms at 8 clients", eight.latency_ms["p99"] < 50,
                f"{eight.latency_ms['p99']:.1f} ms")
    list_counts = {path: n for path, n in results.queries.items()
                   if path.startswith("/api/v1/facts/?page_size=")}
    if list_counts:
        add("≤ 3 queries per list request, whatever the page size",
            max(list_counts.values()) <= 3 and len(set(list_counts.values())) == 1,
            ", ".join(f"{path.split('=')[-1]}: {n}" for path, n in list_counts.items()))
    if "kbase" in results.rss_mb:
        memory = results.rss_mb["kbase"]
        # PSS counts the pages workers share (the analyser's dictionary is one file,
        # mapped by every worker) once among them; the target is RSS.
        shared = f" (PSS {memory['max_pss']:.0f} MB)" if "max_pss" in memory else ""
        add("worker RSS < 150 MB (Korean analyser loaded)", memory["max_rss"] < 150,
            f"{memory['max_rss']:.0f} MB{shared}")
    if smoke:
        targets = [Target(t.name, True, t.detail + " (smoke run: not judged)") for t in targets]
    return targets


def markdown(results: Results) -> str:
    rounds = (f"; medians of {results.rounds} alternating rounds" if results.rounds > 1
              else "")
    lines = [f"# kbase benchmark, {results.started}", "",
             f"{results.facts:,} generated facts; {results.duration} s of load a run{rounds}; "
             f"{results.machine['cores']} cores ({results.machine['cpu']}), "
             f"{results.machine['memory_gb']} GB, Python {results.machine['python']}.", ""]
    if results.load:
        load = results.load
        lines += [f"Load: {load['total_rows']:,} rows in {load['total_seconds']} s "
                  f"({load['rows_per_second']:,} rows/s): "
                  + ", ".join(f"{k} {v:,}" for k, v in load["rows"].items()), ""]
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
            # A reference that answered nothing in time (rps 0) has no ratio.
            cells += ([f"{reference.rps:,.0f}", share.format(run.rps / reference.rps)]
                      if reference and reference.rps else ["–", "–"])
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
    lines += [f"| {t.name} | {t.detail} | {'yes' if t.passed else '**no**'} |"
              for t in results.targets]
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
    # python -m bench.report bench/results/<time>.json: the Markdown and the plot again.
    import sys

    results = load(Path(sys.argv[1]))
    for written in write(results).values():
        print(written)
