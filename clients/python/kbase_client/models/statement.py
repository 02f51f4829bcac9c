from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source_brief import SourceBrief


T = TypeVar("T", bound="Statement")


@_attrs_define
class Statement:
    """
    Attributes:
        source (SourceBrief): A source as a citation shows it (stored by PostgreSQL: SourceBrief).
        says (str): What this edition says, in its own words.
    """

    source: SourceBrief
    says: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source.to_dict()

        says = self.says

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "says": says,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_brief import SourceBrief  # noqa: PLC0415

        d = dict(src_dict)
        source = SourceBrief.from_dict(d.pop("source"))

        says = d.pop("says")

        statement = cls(
            source=source,
            says=says,
        )

        statement.additional_properties = d
        return statement

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
