from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Supersession")


@_attrs_define
class Supersession:
    """
    Attributes:
        earlier (list[UUID]):
        later (list[UUID]):
    """

    earlier: list[UUID]
    later: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        earlier = []
        for earlier_item_data in self.earlier:
            earlier_item = str(earlier_item_data)
            earlier.append(earlier_item)

        later = []
        for later_item_data in self.later:
            later_item = str(later_item_data)
            later.append(later_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "earlier": earlier,
                "later": later,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        earlier = []
        _earlier = d.pop("earlier")
        for earlier_item_data in _earlier:
            earlier_item = UUID(earlier_item_data)

            earlier.append(earlier_item)

        later = []
        _later = d.pop("later")
        for later_item_data in _later:
            later_item = UUID(later_item_data)

            later.append(later_item)

        supersession = cls(
            earlier=earlier,
            later=later,
        )

        supersession.additional_properties = d
        return supersession

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
