"""The generated clients (clients/, `make clients`) are current, type-check, and work
against a live kbase."""

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from kbase.core.services import api_token_create
from kbase.facts.models import Fact
from kbase.facts.roles import roles_ensure
from tests.factories import FactFactory, TopicFactory, UserFactory
from tests.helpers import PROJECT_DIR, TYPESCRIPT_DIR, typescript_node_modules

CLIENTS = PROJECT_DIR / "clients"

sys.path.insert(0, str(CLIENTS / "python"))
from kbase_client import AuthenticatedClient, Client  # noqa: E402
from kbase_client.api.facts import (  # noqa: E402
    facts_list,
    facts_partial_update,
    facts_retrieve,
)
from kbase_client.models import LanguageEnum, PatchedFactWriteRequest, Problem  # noqa: E402


@pytest.fixture(scope="module")
def node_modules():
    return typescript_node_modules()


def differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])
    found = [str(left / name) for name in
             compared.left_only + compared.right_only + compared.diff_files]
    for name, sub in compared.subdirs.items():
        found += differences(left / name, right / name) if sub else []
    return found


def test_the_committed_clients_are_those_the_schema_generates(node_modules, tmp_path):
    generated = subprocess.run([sys.executable, "scripts/clients.py", str(tmp_path)],
                               cwd=PROJECT_DIR, check=True, capture_output=True, text=True,
                               timeout=300)
    # Neither generator has anything to say about the schema (openapi-typescript marks
    # each warning with ⚠; openapi-python-client lists them under "Warning").
    output = generated.stdout + generated.stderr
    assert "⚠" not in output and "Warning" not in output, output
    stale = []
    for name in ("openapi.json", "typescript/src/schema.ts"):
        if (tmp_path / name).read_bytes() != (CLIENTS / name).read_bytes():
            stale.append(name)
    stale += differences(tmp_path / "python", CLIENTS / "python")
    assert stale == [], "run `make clients` and commit clients/"


def test_the_typescript_client_type_checks_strictly(node_modules):
    result = subprocess.run([str(node_modules / ".bin" / "tsc"), "-p", ".",
                             "--strict"], cwd=TYPESCRIPT_DIR, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db(transaction=True)
def test_the_python_client_reads_anonymously_and_edits_with_a_token(live_server):
    topic = TopicFactory(slug="immigration", name_en="Immigration", name_ko="이민")
    wanted = FactFactory(text_ko="전문가는 38명뿐이다.")
    wanted.topics.add(topic)
    FactFactory(text_ko="다른 주제의 사실")  # another topic: filtered out
    FactFactory(status=Fact.Status.DRAFT).topics.add(topic)  # hidden from anonymous clients

    anonymous = Client(base_url=live_server.url, headers={"Connection": "close"})
    page = facts_list.sync(client=anonymous, topic=["immigration"], lang=LanguageEnum.KO)
    assert [fact.id for fact in page.results] == [wanted.public_id]
    assert page.results[0].text == "전문가는 38명뿐이다."
    response = facts_retrieve.sync_detailed(str(wanted.public_id), client=anonymous)
    assert response.status_code == 200
    etag = response.headers["ETag"]

    roles_ensure(Group, Permission)
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="editor"))
    _token, key = api_token_create(user=editor, name="client test")
    signed_in = AuthenticatedClient(base_url=live_server.url, token=key, prefix="Token",
                                    headers={"Connection": "close"})
    edited = facts_partial_update.sync(
        str(wanted.public_id), client=signed_in, if_match=etag,
        body=PatchedFactWriteRequest(text_en="Only 38 experts."))
    assert edited.text_en == "Only 38 experts."
    stale = facts_partial_update.sync(
        str(wanted.public_id), client=signed_in, if_match=etag,
        body=PatchedFactWriteRequest(text_en="A stale edit."))
    assert isinstance(stale, Problem)
    assert (stale.status, stale.code.value) == (412, "stale_version")
    assert Fact.objects.get(pk=wanted.pk).text_en == "Only 38 experts."
