from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Author")


@_attrs_define
class Author:
    """
    Attributes:
        name_ko (str | Unset):  Default: ''.
        name_en (str | Unset):  Default: ''.
        role (str | Unset):  Default: ''.
    """

    name_ko: str | Unset = ""
    name_en: str | Unset = ""
    role: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name_ko = self.name_ko

        name_en = self.name_en

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name_ko is not UNSET:
            field_dict["name_ko"] = name_ko
        if name_en is not UNSET:
            field_dict["name_en"] = name_en
        if role is not UNSET:
            field_dict["role"] = role

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name_ko = d.pop("name_ko", UNSET)

        name_en = d.pop("name_en", UNSET)

        role = d.pop("role", UNSET)

        author = cls(
            name_ko=name_ko,
            name_en=name_en,
            role=role,
        )

        author.additional_properties = d
        return author

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
