"""What a benchmark run records: its runs, query counts, memory and verdicts.

bench.run measures and fills a Results; bench.report judges and writes it. Both
read these types from here, so neither imports the other's module to reach them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

# The scenarios' names, which the report judges by.
LIST = "facts list (50, citations)"
DETAIL = "fact detail"
FILTERED = "filtered list (topic, date)"
KOREAN_SEARCH, ENGLISH_SEARCH = "Korean search", "English search"
LOOKUP = "URL lookup"
CSV = "CSV export (one source's facts)"
MATCH = "claim matching"


@dataclass
class Target:
    name: str
    # None: reported, not judged (a smoke run, or a size the target does not speak of).
    passed: bool | None
    detail: str


@dataclass
class Run:
    server: str
    scenario: str
    connections: int
    requests: int
    rps: float
    errors: int
    non_2xx: int
    latency_ms: dict[str, float]
    round: int = 0  # which of the alternating rounds: a p99 is compared within its round
    rows_per_response: float | None = None  # for exports: rows/s = rps × this


@dataclass
class Results:
    started: str
    machine: dict
    facts: int
    duration: int
    load: dict | None = None
    rounds: int = 1  # runs of each server on each scenario, alternating; medians reported
    runs: list[Run] = field(default_factory=list)
    queries: dict[str, int] = field(default_factory=dict)
    rss_mb: dict[str, dict[str, float]] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    # One claim embedded as a query, in the runner's process (claim matching's cost
    # before any SQL): median and slowest, in ms.
    embedding_ms: dict[str, float] = field(default_factory=dict)
