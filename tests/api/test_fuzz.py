"""Property-based fuzzing of the whole API against its own OpenAPI schema
(schemathesis), anonymous and with an editor's token: no server error, every
response as documented (status code, content type, body schema).

CI runs a few examples per operation; `make fuzz` runs 200 (FUZZ_EXAMPLES)."""

import os
import subprocess
import sys

import pytest

from kbase.core.services import api_token_create
from tests.factories import UserFactory
from tests.helpers import PROJECT_DIR, current_database_url, running_server
from tests.seeding import seed_loaded

EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "5")
# Anonymous: every check schemathesis has, including that public reads really are
# public (their security lists `{}`), that invalid input is refused and valid input
# accepted. positive_data_acceptance is replaced by a version that knows a cursor, a
# topic or an entity is valid only if kbase holds it (tests/api/fuzz_hooks.py), and
# response_schema_conformance by one that knows `fields=` and `brief=true` answer
# partial facts.
ANONYMOUS = ("--checks", "all",
             "--exclude-checks",
             "positive_data_acceptance,negative_data_rejection,response_schema_conformance")
# With a token: the response checks. Write bodies are not yet described exactly
# enough for the input checks (cross-field and workflow rules answer 400).
EDITOR = ("--checks", "not_a_server_error,response_schema_conformance_or_partial,"
          "status_code_conformance,content_type_conformance")
HOOKS = "tests.api.fuzz_hooks"
CONFIG = PROJECT_DIR / "tests" / "api" / "schemathesis.toml"
# Each run's whole report (the assertion shows its failures; a request body can be
# megabytes, which would push them out of a shortened message).
REPORTS = PROJECT_DIR / "artifacts" / "fuzz"


def failures(report: str, limit: int = 6000) -> str:
    """The report's FAILURES section (where each failure and its reproduction are),
    each overlong line cut short, then the summary."""
    start = report.find("FAILURES")
    lines = [line if len(line) < 400 else line[:400] + " […]"
             for line in report[start if start >= 0 else 0:].splitlines()]
    text = "\n".join(lines)
    return text if len(text) <= limit else text[:limit // 2] + "\n[…]\n" + text[-limit // 2:]


def schemathesis(base: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "run",
         f"{base}/api/schema/",
         "--max-examples", EXAMPLES, "--no-color", "--seed", "20261125", *extra],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=3600,
        env={**os.environ, "SCHEMATHESIS_HOOKS": HOOKS})


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "editor"])
def test_the_api_holds_to_its_schema_under_fuzzing(with_token):
    seed_loaded()
    extra: list[str] = [*ANONYMOUS]
    if with_token:
        editor = UserFactory(username="fuzzer", is_superuser=True)
        _token, key = api_token_create(user=editor, name="fuzzing")
        extra = [*EDITOR, "--header", f"Authorization: Token {key}"]
    with running_server(env={"DATABASE_URL": current_database_url(),
                             "KBASE_THROTTLE_ANON": "100000/minute",
                             "KBASE_THROTTLE_USER": "100000/minute",
                             "KBASE_THROTTLE_DUMP": "100000/minute",
                             "KBASE_THROTTLE_MATCH": "100000/minute"},
                        settings="kbase.settings.local") as base:
        result = schemathesis(base, *extra)
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{'editor' if with_token else 'anonymous'}.txt"
    report.write_text(result.stdout)
    assert result.returncode == 0, f"{failures(result.stdout)}\n(whole report: {report})"
