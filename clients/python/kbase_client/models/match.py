from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.matched_language_enum import MatchedLanguageEnum
from ..models.verdict_enum import VerdictEnum

if TYPE_CHECKING:
    from ..models.fact import Fact


T = TypeVar("T", bound="Match")


@_attrs_define
class Match:
    """One candidate fact (for the schema: kbase.facts.matching.match_results).

    Attributes:
        score (float):
        similarity (float):
        verdict (VerdictEnum): * `likely_same` - Likely Same
            * `related` - Related
        numbers_differ (bool):
        matched_language (MatchedLanguageEnum): * `ko` - ko
            * `en` - en
        fact (Fact): A fact in both languages, plus `text` in the negotiated one.
    """

    score: float
    similarity: float
    verdict: VerdictEnum
    numbers_differ: bool
    matched_language: MatchedLanguageEnum
    fact: Fact
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        score = self.score

        similarity = self.similarity

        verdict = self.verdict.value

        numbers_differ = self.numbers_differ

        matched_language = self.matched_language.value

        fact = self.fact.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "score": score,
                "similarity": similarity,
                "verdict": verdict,
                "numbers_differ": numbers_differ,
                "matched_language": matched_language,
                "fact": fact,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fact import Fact  # noqa: PLC0415

        d = dict(src_dict)
        score = d.pop("score")

        similarity = d.pop("similarity")

        verdict = VerdictEnum(d.pop("verdict"))

        numbers_differ = d.pop("numbers_differ")

        matched_language = MatchedLanguageEnum(d.pop("matched_language"))

        fact = Fact.from_dict(d.pop("fact"))

        match = cls(
            score=score,
            similarity=similarity,
            verdict=verdict,
            numbers_differ=numbers_differ,
            matched_language=matched_language,
            fact=fact,
        )

        match.additional_properties = d
        return match

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
