from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stance_enum import StanceEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedCitationWriteRequest")


@_attrs_define
class PatchedCitationWriteRequest:
    """
    Attributes:
        source (int | Unset): The id of the source edition.
        quote (str | Unset):
        quote_translation (str | Unset):  Default: ''.
        locator (str | Unset):  Default: ''.
        stance (StanceEnum | Unset): * `supports` - supports
            * `contradicts` - contradicts
            * `context` - context Default: StanceEnum.SUPPORTS.
        note (str | Unset):  Default: ''.
        accessed_on (datetime.date | None | Unset):
    """

    source: int | Unset = UNSET
    quote: str | Unset = UNSET
    quote_translation: str | Unset = ""
    locator: str | Unset = ""
    stance: StanceEnum | Unset = StanceEnum.SUPPORTS
    note: str | Unset = ""
    accessed_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        quote = self.quote

        quote_translation = self.quote_translation

        locator = self.locator

        stance: str | Unset = UNSET
        if not isinstance(self.stance, Unset):
            stance = self.stance.value

        note = self.note

        accessed_on: None | str | Unset
        if isinstance(self.accessed_on, Unset):
            accessed_on = UNSET
        elif isinstance(self.accessed_on, datetime.date):
            accessed_on = self.accessed_on.isoformat()
        else:
            accessed_on = self.accessed_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if source is not UNSET:
            field_dict["source"] = source
        if quote is not UNSET:
            field_dict["quote"] = quote
        if quote_translation is not UNSET:
            field_dict["quote_translation"] = quote_translation
        if locator is not UNSET:
            field_dict["locator"] = locator
        if stance is not UNSET:
            field_dict["stance"] = stance
        if note is not UNSET:
            field_dict["note"] = note
        if accessed_on is not UNSET:
            field_dict["accessed_on"] = accessed_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source = d.pop("source", UNSET)

        quote = d.pop("quote", UNSET)

        quote_translation = d.pop("quote_translation", UNSET)

        locator = d.pop("locator", UNSET)

        _stance = d.pop("stance", UNSET)
        stance: StanceEnum | Unset
        if isinstance(_stance, Unset):
            stance = UNSET
        else:
            stance = StanceEnum(_stance)

        note = d.pop("note", UNSET)

        def _parse_accessed_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accessed_on_type_0 = datetime.date.fromisoformat(data)

                return accessed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        accessed_on = _parse_accessed_on(d.pop("accessed_on", UNSET))

        patched_citation_write_request = cls(
            source=source,
            quote=quote,
            quote_translation=quote_translation,
            locator=locator,
            stance=stance,
            note=note,
            accessed_on=accessed_on,
        )

        patched_citation_write_request.additional_properties = d
        return patched_citation_write_request

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
