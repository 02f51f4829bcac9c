"""Small pure helpers that turn model values into API values, shared by serializers."""

from __future__ import annotations

from decimal import Decimal


def pick_language(ko: str, en: str, language: str) -> tuple[str, str, bool]:
    """The text in `language`, or honestly the other one: (text, served, fallback)."""
    preferred, other = (ko, en) if language == "ko" else (en, ko)
    if preferred:
        return preferred, language, False
    if other:
        return other, ("en" if language == "ko" else "ko"), True
    return "", language, False


def name_in(ko: str, en: str, language: str) -> str:
    return pick_language(ko, en, language)[0]


def decimal_text(value: Decimal | None) -> str | None:
    """38.0000 -> "38", 1.5000 -> "1.5": as written, without float rounding."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None
