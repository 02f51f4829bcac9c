"""The admin and API speak Korean: every kbase string has a compiled translation."""

import os
import re
import shutil
import subprocess
import sys

from django.utils import translation

from tests.helpers import PROJECT_DIR

PO_FILE = PROJECT_DIR / "kbase" / "locale" / "ko" / "LC_MESSAGES" / "django.po"


def translation_of(entry: str) -> str:
    """The msgstr of one catalogue entry, its continuation lines joined."""
    match = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', entry, re.M)
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))) if match else ""


def test_every_string_has_a_korean_translation():
    entries = PO_FILE.read_text(encoding="utf-8").split("\n\n")[1:]
    untranslated = [entry for entry in entries
                    if not translation_of(entry) or "#, fuzzy" in entry]
    assert untranslated == []


def test_the_compiled_catalogue_is_used():
    with translation.override("ko"):
        assert translation.gettext("Edit summary") == "편집 요약"


def msgids(po_text: str) -> set[str]:
    """Every msgid of a catalogue (the header's empty one left out)."""
    ids = set()
    for entry in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        if match:
            ids.add("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))))
    return ids - {""}


def test_the_catalogue_holds_every_string_the_code_marks(tmp_path):
    # A string marked for translation but missing from the catalogue is served in
    # English to Korean readers, and the translation test above cannot see it.
    shutil.copytree(PROJECT_DIR / "kbase", tmp_path / "kbase",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_DIR / "manage.py", tmp_path / "manage.py")
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "ko", "--no-location",
                    "--no-obsolete"], cwd=tmp_path, check=True, capture_output=True,
                   timeout=120, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    extracted = msgids((tmp_path / PO_FILE.relative_to(PROJECT_DIR)).read_text("utf-8"))
    assert extracted - msgids(PO_FILE.read_text(encoding="utf-8")) == set()
