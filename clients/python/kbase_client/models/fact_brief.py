from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fact_status_enum import FactStatusEnum
from ..models.language_enum import LanguageEnum

T = TypeVar("T", bound="FactBrief")


@_attrs_define
class FactBrief:
    """The brief representation, for embedding (`?brief=true`).

    Attributes:
        id (UUID): The fact's stable public id.
        url (str): The fact's address in this API.
        text (str): The text in `language`.
        language (LanguageEnum): * `ko` - Korean
            * `en` - English
        fallback (bool): True when the requested language was missing and the other was served.
        status (FactStatusEnum): * `draft` - draft
            * `review` - in review
            * `published` - published
            * `retracted` - retracted
            * `superseded` - superseded
    """

    id: UUID
    url: str
    text: str
    language: LanguageEnum
    fallback: bool
    status: FactStatusEnum
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        url = self.url

        text = self.text

        language = self.language.value

        fallback = self.fallback

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "text": text,
                "language": language,
                "fallback": fallback,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        url = d.pop("url")

        text = d.pop("text")

        language = LanguageEnum(d.pop("language"))

        fallback = d.pop("fallback")

        status = FactStatusEnum(d.pop("status"))

        fact_brief = cls(
            id=id,
            url=url,
            text=text,
            language=language,
            fallback=fallback,
            status=status,
        )

        fact_brief.additional_properties = d
        return fact_brief

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
