"""A backup restores the knowledge base exactly: facts, citations and history."""

import io
import os
import stat
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from kbase.facts import services
from kbase.facts.models import Citation, Fact
from tests.seeding import seed_loaded

SNAPSHOT_QUERIES = {
    "facts": "SELECT public_id, text_ko, text_en, status, version, quantity_value "
             "FROM facts_fact ORDER BY id",
    "citations": "SELECT fact_id, source_id, quote, locator FROM facts_citation ORDER BY id",
    "discrepancies": "SELECT slug, fact_id, aspect, note_en FROM facts_discrepancy ORDER BY id",
    "history": "SELECT pgh_obj_id, pgh_label, text_en, version FROM facts_factevent "
               "ORDER BY pgh_id",
    "citation_history": "SELECT pgh_obj_id, pgh_label, quote FROM facts_citationevent "
                        "ORDER BY pgh_id",
    "search": "SELECT fact_id, search_ko::text, search_en::text "
              "FROM facts_factsearchdocument ORDER BY fact_id",
}


def snapshot() -> dict:
    with connection.cursor() as cursor:
        result = {}
        for name, sql in SNAPSHOT_QUERIES.items():
            cursor.execute(sql)
            result[name] = cursor.fetchall()
    return result


@pytest.mark.django_db(transaction=True)
def test_a_backup_round_trips_the_seed_knowledge_base(tmp_path):
    seed_loaded()
    fact = Fact.objects.order_by("id").first()
    services.fact_update(fact=fact, text_en=fact.text_en + " (checked)", reason="check")
    before = snapshot()
    assert before["facts"] and before["history"] and before["citations"]

    archive = tmp_path / "kbase.dump"
    call_command("backup", file=archive)
    assert archive.stat().st_size > 10_000

    # Lose things after the backup...
    services.fact_update(fact=Fact.objects.get(pk=fact.pk), text_en="a later edit")
    Citation.objects.filter(fact__in=Fact.objects.all()[:3]).delete()
    assert snapshot() != before

    # ...and the restore brings back exactly what was backed up.
    connection.close()
    call_command("restore", archive)
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_restoring_a_missing_file_says_so_and_changes_nothing(tmp_path):
    from django.core.management.base import CommandError

    seed_loaded()
    before = snapshot()
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", tmp_path / "nothing.dump")
    assert snapshot() == before


@pytest.mark.django_db
def test_a_backup_is_readable_by_its_owner_alone_in_a_folder_of_its_own(tmp_path,
                                                                        monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("backups").mkdir(mode=0o755)  # as an earlier kbase left it
    previous = os.umask(0o022)
    try:
        call_command("backup", stdout=io.StringIO())
    finally:
        os.umask(previous)
    [archive] = Path("backups").iterdir()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path("backups").stat().st_mode) == 0o700


@pytest.mark.django_db
def test_a_backup_replacing_a_readable_file_leaves_it_readable_by_its_owner_alone(tmp_path):
    archive = tmp_path / "kbase.dump"
    archive.write_bytes(b"an older backup")
    archive.chmod(0o644)
    call_command("backup", file=archive, stdout=io.StringIO())
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert archive.stat().st_size > 1000
