"""Text hygiene shared by every write path: NFC, no NUL or control characters, bounded length."""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# Tab, newline and carriage return are ordinary text; every other C0/C1 control
# character (NUL above all: PostgreSQL text cannot hold it) is refused.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def validate_no_control_characters(value: str) -> None:
    match = _CONTROL_CHARACTERS.search(value or "")
    if match:
        raise ValidationError(
            _("Contains the control character U+%(code)04X at position %(position)d; "
              "remove it."),
            code="control_character",
            params={"code": ord(match.group()), "position": match.start()},
        )


def to_nfc(value: str) -> str:
    """Korean typed on macOS arrives decomposed (NFD); kbase stores composed text."""
    return unicodedata.normalize("NFC", value)


def clean_text_fields(instance: object, fields: list[str] | tuple[str, ...]) -> None:
    """Normalise the named string attributes of `instance` to NFC, trimming outer whitespace."""
    for field in fields:
        value = getattr(instance, field)
        if isinstance(value, str):
            setattr(instance, field, to_nfc(value).strip())


def text_validators(max_length: int) -> list:
    """For TextFields, whose max_length Django enforces only in forms."""
    return [validate_no_control_characters, MaxLengthValidator(max_length)]
