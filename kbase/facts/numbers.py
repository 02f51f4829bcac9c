"""Numbers in fact texts, read the way a Korean or English reader reads them,
so the two languages and the structured quantity can be checked against
each other (150만 명 = 1.5 million = 1,500,000).

A mismatch is a warning, never an error: editions do disagree, and kbase
records that as a Discrepancy rather than refusing the fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

_KOREAN_UNITS = {"만": Decimal(10**4), "억": Decimal(10**8), "조": Decimal(10**12)}
_KOREAN_SMALL_UNITS = {"천": Decimal(1000), "백": Decimal(100), "십": Decimal(10)}
_ENGLISH_SCALES = {"thousand": Decimal(10**3), "million": Decimal(10**6),
                   "billion": Decimal(10**9), "trillion": Decimal(10**12)}
_ENGLISH_WORDS = {
    # "one" is left out: far more often a pronoun ("one of the") than a count.
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "hundred": 100,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10,
}
_KOREAN_WORDS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7,
                 "여덟": 8, "아홉": 9, "열": 10}

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# One amount: 3조 5천억, 1만 2천, 150만, 5천, 4,700, 47.
_KOREAN_AMOUNT = re.compile(
    rf"(?:{_NUMBER}\s?[천백십]?\s?[조억만]\s?)+(?:{_NUMBER}\s?[천백십]?)?"
    rf"|{_NUMBER}\s?[천백십]?")
_KOREAN_GROUP = re.compile(rf"({_NUMBER})?([천백십])?([조억만])?")
_KOREAN_WORD_COUNT = re.compile(r"(?<![가-힣])(한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s?"
                                r"(?=명|개|번|가지|곳|해|살|배|위|대)")
_ENGLISH_AMOUNT = re.compile(
    rf"(?P<number>{_NUMBER})(?:\s?(?P<scale>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE)
_ENGLISH_WORD = re.compile(r"\b(" + "|".join(_ENGLISH_WORDS) + r")\b", re.IGNORECASE)
# Codes such as E-7-S or COVID-19 carry digits that are not quantities.
_CODE = re.compile(r"\b[A-Za-z]+-\d+(?:-[A-Za-z0-9]+)*\b|\b\d+-[A-Za-z]+\b")


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _korean_amount(text: str) -> Decimal:
    """'3조 5천억' -> 3500000000000; '1만 2천' -> 12000; '150만' -> 1500000."""
    total = pending = Decimal(0)
    for number, small, big in _KOREAN_GROUP.findall(text.replace(" ", "")):
        if not (number or small or big):
            continue
        value = _decimal(number) if number else Decimal(1)
        if small:
            value *= _KOREAN_SMALL_UNITS[small]
        pending += value
        if big:
            total += pending * _KOREAN_UNITS[big]
            pending = Decimal(0)
    return total + pending


def korean_numbers(text: str) -> list[Decimal]:
    text = _CODE.sub(" ", text or "")
    numbers = [_korean_amount(match.group()) for match in _KOREAN_AMOUNT.finditer(text)]
    numbers += [Decimal(_KOREAN_WORDS[word]) for word in _KOREAN_WORD_COUNT.findall(text)]
    return numbers


def english_numbers(text: str) -> list[Decimal]:
    text = _CODE.sub(" ", text or "")
    numbers = []
    for match in _ENGLISH_AMOUNT.finditer(text):
        value = _decimal(match.group("number"))
        scale = match.group("scale")
        numbers.append(value * _ENGLISH_SCALES[scale.lower()] if scale else value)
    without_digits = _ENGLISH_AMOUNT.sub(" ", text)
    numbers += [Decimal(_ENGLISH_WORDS[word.lower()])
                for word in _ENGLISH_WORD.findall(without_digits)]
    return numbers


_HANGUL = re.compile(r"[가-힣]")


def numbers_in(text: str) -> set[Decimal]:
    """The numbers a claim states, read as Korean when it holds Hangul (150만 명),
    otherwise as English (1.5 million)."""
    read = korean_numbers if _HANGUL.search(text or "") else english_numbers
    return {_normal(number) for number in read(text)}


def codes_in(text: str) -> set[str]:
    """The codes a text names (E-7-S, COVID-19), upper-cased."""
    return {code.upper() for code in _CODE.findall(text or "")}


def _normal(value: Decimal) -> Decimal:
    return value.normalize() if value == value.to_integral() else value


@dataclass(frozen=True)
class NumberCheck:
    korean: tuple[Decimal, ...]
    english: tuple[Decimal, ...]
    only_in_korean: tuple[Decimal, ...]
    only_in_english: tuple[Decimal, ...]
    quantity_in_text: bool | None  # None: no quantity, or no text to look in

    @property
    def consistent(self) -> bool:
        return not self.only_in_korean and not self.only_in_english \
            and self.quantity_in_text is not False

    def warnings(self) -> list[str]:
        """In the active language: the editors' screens and the public page."""
        messages = []
        if self.only_in_korean:
            messages.append(_("Only the Korean text has %(numbers)s")
                            % {"numbers": _listed(self.only_in_korean)})
        if self.only_in_english:
            messages.append(_("Only the English text has %(numbers)s")
                            % {"numbers": _listed(self.only_in_english)})
        if self.quantity_in_text is False:
            messages.append(_("Neither text states the quantity"))
        return messages

    def _english_warnings(self) -> list[str]:
        if self.consistent:  # most facts: no messages, and no language to switch
            return []
        with translation.override("en"):
            return self.warnings()

    def as_dict(self) -> dict:
        return {
            "consistent": self.consistent,
            "korean": [_text(n) for n in self.korean],
            "english": [_text(n) for n in self.english],
            "only_in_korean": [_text(n) for n in self.only_in_korean],
            "only_in_english": [_text(n) for n in self.only_in_english],
            "quantity_in_text": self.quantity_in_text,
            # The API's data, stored with the search index: English, whoever asks.
            "warnings": self._english_warnings(),
        }


def _text(value: Decimal) -> str:
    return format(_normal(value), "f")


def _listed(values: tuple[Decimal, ...]) -> str:
    # Separators for large amounts only, so years read as years (2023, not 2,023).
    return ", ".join(f"{_normal(value):,}" if abs(value) >= 10000 else _text(value)
                     for value in values)


def check_numbers(*, text_ko: str, text_en: str,
                  quantity: Decimal | None = None) -> NumberCheck:
    return compare_numbers(korean_numbers(text_ko), english_numbers(text_en),
                           has_korean=bool(text_ko), has_english=bool(text_en),
                           quantity=quantity)


def compare_numbers(korean_read: Iterable[Decimal], english_read: Iterable[Decimal], *,
                    has_korean: bool, has_english: bool,
                    quantity: Decimal | None = None) -> NumberCheck:
    """check_numbers() from the numbers already read from each text (a bulk load reads
    each of its few sentence patterns once)."""
    korean = tuple(sorted({_normal(n) for n in korean_read}))
    english = tuple(sorted({_normal(n) for n in english_read}))
    both = has_korean and has_english
    only_ko = tuple(n for n in korean if n not in english) if both else ()
    only_en = tuple(n for n in english if n not in korean) if both else ()
    quantity_in_text = None
    if quantity is not None and (has_korean or has_english):
        quantity_in_text = _normal(quantity) in set(korean) | set(english)
    return NumberCheck(korean, english, only_ko, only_en, quantity_in_text)
