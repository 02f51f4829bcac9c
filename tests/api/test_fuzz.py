"""Property-based fuzzing of the whole API against its own OpenAPI schema
(schemathesis), anonymous and with an editor's token: no server error, every
response as documented (status code, content type, body schema).

CI runs a few examples per operation; `make fuzz` runs 200 (FUZZ_EXAMPLES)."""

import os
import subprocess
import sys

import pytest
from rest_framework.authtoken.models import Token

from kbase.facts.seed import seed_load
from tests.factories import UserFactory
from tests.helpers import PROJECT_DIR, current_database_url, running_server

EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "5")
CHECKS = ("not_a_server_error,response_schema_conformance,status_code_conformance,"
          "content_type_conformance")


def schemathesis(base: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", f"{base}/api/schema/",
         "--checks", CHECKS, "--max-examples", EXAMPLES, "--no-color",
         "--seed", "20261125", *extra],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=1800)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "editor"])
def test_the_api_holds_to_its_schema_under_fuzzing(with_token):
    seed_load()
    extra: list[str] = []
    if with_token:
        editor = UserFactory(username="fuzzer", is_superuser=True)
        extra = ["--header", f"Authorization: Token {Token.objects.create(user=editor).key}"]
    with running_server(env={"DATABASE_URL": current_database_url(),
                             "KBASE_THROTTLE_ANON": "100000/minute",
                             "KBASE_THROTTLE_USER": "100000/minute"},
                        settings="kbase.settings.local") as base:
        result = schemathesis(base, *extra)
    assert result.returncode == 0, result.stdout[-6000:]
