from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.field_change import FieldChange


T = TypeVar("T", bound="ChangeFields")


@_attrs_define
class ChangeFields:
    """The public fields changed, with old and new values (on an insert, and on the publication of a fact shown to
    anonymous clients, every one, old null): fact: text_ko, text_en, text_ko_origin, text_en_origin, quantity_value,
    quantity_unit, quantity_qualifier, as_of, as_of_precision, period_start, period_end, status, status_reason,
    published_at, superseded_by, review_by, version, created_at, updated_at. citation: source, quote, quote_translation,
    locator, stance, note, accessed_on, created_at, updated_at. discrepancy: slug, aspect, note_ko, note_en, created_at,
    updated_at. source: slug, url, normalized_url, publisher, work, kind, language, edition_kind, title_ko, title_en,
    authors, program, published_on, published_precision, published_note, accessed_on, has_archived_text, created_at,
    updated_at.

    """

    additional_properties: dict[str, FieldChange] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_change import FieldChange  # noqa: PLC0415

        d = dict(src_dict)
        change_fields = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = FieldChange.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        change_fields.additional_properties = additional_properties
        return change_fields

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> FieldChange:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: FieldChange) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
