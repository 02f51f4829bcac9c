from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NumberCheck")


@_attrs_define
class NumberCheck:
    """
    Attributes:
        consistent (bool):
        korean (list[str]):
        english (list[str]):
        only_in_korean (list[str]):
        only_in_english (list[str]):
        quantity_in_text (bool | None):
        warnings (list[str]):
    """

    consistent: bool
    korean: list[str]
    english: list[str]
    only_in_korean: list[str]
    only_in_english: list[str]
    quantity_in_text: bool | None
    warnings: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consistent = self.consistent

        korean = self.korean

        english = self.english

        only_in_korean = self.only_in_korean

        only_in_english = self.only_in_english

        quantity_in_text: bool | None
        quantity_in_text = self.quantity_in_text

        warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consistent": consistent,
                "korean": korean,
                "english": english,
                "only_in_korean": only_in_korean,
                "only_in_english": only_in_english,
                "quantity_in_text": quantity_in_text,
                "warnings": warnings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        consistent = d.pop("consistent")

        korean = cast(list[str], d.pop("korean"))

        english = cast(list[str], d.pop("english"))

        only_in_korean = cast(list[str], d.pop("only_in_korean"))

        only_in_english = cast(list[str], d.pop("only_in_english"))

        def _parse_quantity_in_text(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        quantity_in_text = _parse_quantity_in_text(d.pop("quantity_in_text"))

        warnings = cast(list[str], d.pop("warnings"))

        number_check = cls(
            consistent=consistent,
            korean=korean,
            english=english,
            only_in_korean=only_in_korean,
            only_in_english=only_in_english,
            quantity_in_text=quantity_in_text,
            warnings=warnings,
        )

        number_check.additional_properties = d
        return number_check

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
