from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.qualifier_enum import QualifierEnum
from ..models.unit_enum import UnitEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="QuantityRequest")


@_attrs_define
class QuantityRequest:
    """
    Attributes:
        value (str): As a decimal string, e.g. "38" or "1.5".
        unit (UnitEnum): * `persons` - persons
            * `percent` - percent
            * `companies` - companies
            * `krw` - Korean won
            * `usd` - US dollars
            * `count` - count
            * `rank` - rank
            * `years` - years
            * `other` - other
        qualifier (QualifierEnum | Unset): * `exact` - exactly
            * `approximately` - approximately
            * `more_than` - more than
            * `less_than` - less than
            * `at_least` - at least
            * `at_most` - at most Default: QualifierEnum.EXACT.
    """

    value: str
    unit: UnitEnum
    qualifier: QualifierEnum | Unset = QualifierEnum.EXACT
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        unit = self.unit.value

        qualifier: str | Unset = UNSET
        if not isinstance(self.qualifier, Unset):
            qualifier = self.qualifier.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "value": value,
                "unit": unit,
            }
        )
        if qualifier is not UNSET:
            field_dict["qualifier"] = qualifier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value")

        unit = UnitEnum(d.pop("unit"))

        _qualifier = d.pop("qualifier", UNSET)
        qualifier: QualifierEnum | Unset
        if isinstance(_qualifier, Unset):
            qualifier = UNSET
        else:
            qualifier = QualifierEnum(_qualifier)

        quantity_request = cls(
            value=value,
            unit=unit,
            qualifier=qualifier,
        )

        quantity_request.additional_properties = d
        return quantity_request

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
