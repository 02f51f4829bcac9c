"""The admin and API speak Korean: every kbase string has a compiled translation."""

import re

from django.utils import translation

from tests.helpers import PROJECT_DIR

PO_FILE = PROJECT_DIR / "kbase" / "locale" / "ko" / "LC_MESSAGES" / "django.po"


def test_every_string_has_a_korean_translation():
    entries = PO_FILE.read_text(encoding="utf-8").split("\n\n")[1:]
    untranslated = [entry for entry in entries
                    if re.search(r'^msgstr(\[0\])? ""\s*$', entry, re.M)
                    or "#, fuzzy" in entry]
    assert untranslated == []


def test_the_compiled_catalogue_is_used():
    with translation.override("ko"):
        assert translation.gettext("Edit summary") == "편집 요약"
