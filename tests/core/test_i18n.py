"""The admin and API speak Korean: every kbase string has a compiled translation."""

import gettext
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


MO_FILE = PO_FILE.with_suffix(".mo")
# A python-format placeholder (%(name)s, %s, %d, %04X; not %%) or a brace one ({name}).
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[-#0 +]*\d*(?:\.\d+)?[sdfiXxr]|\{[a-z_]*\}")
# English messages that are one Korean term: the same word in another case or number,
# or two English words a Korean newsroom says alike. Any other pair of messages that
# share a translation is a translation put on the wrong message.
SAME_TERM = [
    {"As of", "as of"}, {"Citations", "citation", "citations"}, {"Date", "date"},
    {"Editions", "edition"}, {"Archived text", "archived text"},
    {"Facts", "fact", "facts"}, {"Language", "Languages", "language"},
    {"Numbers", "number"}, {"Other editions", "Other editions:"},
    {"Possibly stale", "possibly stale"}, {"Publisher", "publisher", "publishers"},
    {"Quantity", "quantity"}, {"Reason", "Why"}, {"Sources", "source", "sources"},
    {"Status", "status"}, {"Topic", "topic", "topics"}, {"Translation", "translation"},
    {"discrepancies", "discrepancy"}, {"entities", "entity"}, {"statement", "statements"},
    {"work", "works"},
    {"source brief", "source briefs"}, {"API token", "API tokens"},
    {"Likely the same fact", "likely the same fact"},
]


def compiled(po_file, tmp_path) -> dict:
    """The catalogue msgfmt compiles from `po_file` (fuzzy entries left out, as
    Django's compilemessages leaves them), read back as gettext reads it."""
    mo_file = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(mo_file), str(po_file)],
                   check=True, capture_output=True, timeout=60)
    return catalogue(mo_file)


def catalogue(mo_file) -> dict:
    with open(mo_file, "rb") as file:
        messages = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in messages.items() if key != ""}


def test_the_committed_compiled_catalogue_is_the_current_one(tmp_path):
    # Django reads the .mo: a .po edited without recompiling serves the old Korean.
    assert catalogue(MO_FILE) == compiled(PO_FILE, tmp_path)


def test_every_translation_keeps_the_placeholders_of_its_message(tmp_path):
    mismatched = {}
    for key, translated in compiled(PO_FILE, tmp_path).items():
        english = key[0] if isinstance(key, tuple) else key
        if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(translated)):
            mismatched[english] = translated
    assert mismatched == {}


def test_no_two_messages_share_a_translation_unless_they_are_one_term(tmp_path):
    by_translation: dict[str, set[str]] = {}
    for key, translated in compiled(PO_FILE, tmp_path).items():
        if isinstance(key, str):
            by_translation.setdefault(translated, set()).add(key)
    shared = [english for english in by_translation.values() if len(english) > 1]
    assert [english for english in shared
            if not any(english <= term for term in SAME_TERM)] == []
