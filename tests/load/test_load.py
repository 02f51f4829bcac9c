"""The load test of `make loadtest`, at CI size: a few simulated clients for a few
seconds against a production-configured server, and not one failed request."""

import pytest

from tests.helpers import current_database_url, running_server
from tests.load.run import prepare, run_locust, server_environment, summary, writes_done


@pytest.mark.django_db(transaction=True)
def test_mixed_reads_and_writes_under_load_have_no_errors():
    tokens = prepare(editors=2)
    with running_server(env=server_environment(current_database_url()),
                        settings="kbase.settings.production") as host:
        result = run_locust(host=host, tokens=tokens, users=6, duration=12)

    report = f"{summary(result)}\n{result.failures_text}\n{result.exceptions_text}"
    assert result.total.failures == 0 and not result.exceptions_text, report
    assert result.returncode == 0, report
    assert result.total.requests > 50, report
    kinds = {row.name: row.requests for row in result.rows}
    # The kinds frequent enough never to be missing from a 12 s run.
    for kind in ("facts: list", "facts: detail", "editor: create fact",
                 "editor: PATCH with If-Match"):
        assert kinds.get(kind), f"no {kind!r} request\n{report}"
    assert kinds.get("search: ko", 0) + kinds.get("search: en", 0), report
    written = writes_done()
    assert written["facts"] >= 2 and written["without_history"] == 0, written
    assert written["history"] > written["facts"], written  # edited after their creation
