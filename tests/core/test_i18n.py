"""The admin and API speak Korean: every kbase string has a compiled translation."""

import re

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
