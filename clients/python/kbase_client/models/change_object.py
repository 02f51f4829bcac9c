from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.type_enum import TypeEnum

T = TypeVar("T", bound="ChangeObject")


@_attrs_define
class ChangeObject:
    """
    Attributes:
        type_ (TypeEnum): * `fact` - fact
            * `citation` - citation
            * `discrepancy` - discrepancy
            * `source` - source
        id (str): The object as the API names it: a fact's public id, a citation's or a source's id, a discrepancy's
            slug.
        fact_id (None | UUID): The public id of the fact concerned; null for a source.
    """

    type_: TypeEnum
    id: str
    fact_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id = self.id

        fact_id: None | str
        if isinstance(self.fact_id, UUID):
            fact_id = str(self.fact_id)
        else:
            fact_id = self.fact_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "fact_id": fact_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = TypeEnum(d.pop("type"))

        id = d.pop("id")

        def _parse_fact_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fact_id_type_0 = UUID(data)

                return fact_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        fact_id = _parse_fact_id(d.pop("fact_id"))

        change_object = cls(
            type_=type_,
            id=id,
            fact_id=fact_id,
        )

        change_object.additional_properties = d
        return change_object

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
