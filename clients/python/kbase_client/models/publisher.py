from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.publisher_kind_enum import PublisherKindEnum

T = TypeVar("T", bound="Publisher")


@_attrs_define
class Publisher:
    """
    Attributes:
        slug (str):
        name (str): In the served language, falling back to the other.
        name_ko (str):
        name_en (str):
        kind (PublisherKindEnum): * `broadcaster` - broadcaster
            * `newspaper` - newspaper
            * `government` - government
            * `research_institute` - research institute
            * `university` - university
            * `company` - company
            * `other` - other
        homepage (str):
        country (str):
    """

    slug: str
    name: str
    name_ko: str
    name_en: str
    kind: PublisherKindEnum
    homepage: str
    country: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        name = self.name

        name_ko = self.name_ko

        name_en = self.name_en

        kind = self.kind.value

        homepage: str
        homepage = self.homepage

        country = self.country

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "name": name,
                "name_ko": name_ko,
                "name_en": name_en,
                "kind": kind,
                "homepage": homepage,
                "country": country,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slug = d.pop("slug")

        name = d.pop("name")

        name_ko = d.pop("name_ko")

        name_en = d.pop("name_en")

        kind = PublisherKindEnum(d.pop("kind"))

        def _parse_homepage(data: object) -> str:
            return cast(str, data)

        homepage = _parse_homepage(d.pop("homepage"))

        country = d.pop("country")

        publisher = cls(
            slug=slug,
            name=name,
            name_ko=name_ko,
            name_en=name_en,
            kind=kind,
            homepage=homepage,
            country=country,
        )

        publisher.additional_properties = d
        return publisher

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
