from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.discrepancy_aspect_enum import DiscrepancyAspectEnum

if TYPE_CHECKING:
    from ..models.fact_brief import FactBrief
    from ..models.statement import Statement


T = TypeVar("T", bound="Discrepancy")


@_attrs_define
class Discrepancy:
    """A discrepancy as PostgreSQL built it (selectors.discrepancy_rows), with its fact.

    Attributes:
        slug (str):
        aspect (DiscrepancyAspectEnum): * `number` - number
            * `date` - date
            * `place` - place
            * `wording` - wording
            * `omission` - present in one edition only
        note (str): The editor's note in the served language.
        note_ko (str):
        note_en (str):
        statements (list[Statement]):
        created_at (datetime.datetime):
        fact (FactBrief): The brief representation, for embedding (`?brief=true`).
    """

    slug: str
    aspect: DiscrepancyAspectEnum
    note: str
    note_ko: str
    note_en: str
    statements: list[Statement]
    created_at: datetime.datetime
    fact: FactBrief
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        aspect = self.aspect.value

        note = self.note

        note_ko = self.note_ko

        note_en = self.note_en

        statements = []
        for statements_item_data in self.statements:
            statements_item = statements_item_data.to_dict()
            statements.append(statements_item)

        created_at = self.created_at.isoformat()

        fact = self.fact.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "aspect": aspect,
                "note": note,
                "note_ko": note_ko,
                "note_en": note_en,
                "statements": statements,
                "created_at": created_at,
                "fact": fact,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fact_brief import FactBrief  # noqa: PLC0415
        from ..models.statement import Statement  # noqa: PLC0415

        d = dict(src_dict)
        slug = d.pop("slug")

        aspect = DiscrepancyAspectEnum(d.pop("aspect"))

        note = d.pop("note")

        note_ko = d.pop("note_ko")

        note_en = d.pop("note_en")

        statements = []
        _statements = d.pop("statements")
        for statements_item_data in _statements:
            statements_item = Statement.from_dict(statements_item_data)

            statements.append(statements_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        fact = FactBrief.from_dict(d.pop("fact"))

        discrepancy = cls(
            slug=slug,
            aspect=aspect,
            note=note,
            note_ko=note_ko,
            note_en=note_en,
            statements=statements,
            created_at=created_at,
            fact=fact,
        )

        discrepancy.additional_properties = d
        return discrepancy

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
