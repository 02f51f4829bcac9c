from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stance_enum import StanceEnum

if TYPE_CHECKING:
    from ..models.source_brief import SourceBrief


T = TypeVar("T", bound="Citation")


@_attrs_define
class Citation:
    """A citation as PostgreSQL built it (selectors.citation_rows).

    Attributes:
        id (int):
        source (SourceBrief): A source as a citation shows it (stored by PostgreSQL: SourceBrief).
        quote (str): Verbatim, in the edition's language.
        quote_translation (str):
        locator (str):
        stance (StanceEnum): * `supports` - supports
            * `contradicts` - contradicts
            * `context` - context
        note (str):
        accessed_on (datetime.date | None):
    """

    id: int
    source: SourceBrief
    quote: str
    quote_translation: str
    locator: str
    stance: StanceEnum
    note: str
    accessed_on: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        source = self.source.to_dict()

        quote = self.quote

        quote_translation = self.quote_translation

        locator = self.locator

        stance = self.stance.value

        note = self.note

        accessed_on: None | str
        if isinstance(self.accessed_on, datetime.date):
            accessed_on = self.accessed_on.isoformat()
        else:
            accessed_on = self.accessed_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "source": source,
                "quote": quote,
                "quote_translation": quote_translation,
                "locator": locator,
                "stance": stance,
                "note": note,
                "accessed_on": accessed_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_brief import SourceBrief  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        source = SourceBrief.from_dict(d.pop("source"))

        quote = d.pop("quote")

        quote_translation = d.pop("quote_translation")

        locator = d.pop("locator")

        stance = StanceEnum(d.pop("stance"))

        note = d.pop("note")

        def _parse_accessed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accessed_on_type_0 = datetime.date.fromisoformat(data)

                return accessed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        accessed_on = _parse_accessed_on(d.pop("accessed_on"))

        citation = cls(
            id=id,
            source=source,
            quote=quote,
            quote_translation=quote_translation,
            locator=locator,
            stance=stance,
            note=note,
            accessed_on=accessed_on,
        )

        citation.additional_properties = d
        return citation

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
