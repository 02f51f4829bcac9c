from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_enum import ActionEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.change_fields import ChangeFields
    from ..models.change_object import ChangeObject


T = TypeVar("T", bound="Change")


@_attrs_define
class Change:
    """One recorded change (built by kbase.facts.changes.change_data).

    Attributes:
        id (str): Opaque and unique; the same on every read.
        object_ (ChangeObject):
        action (ActionEnum): * `insert` - insert
            * `update` - update
            * `delete` - delete
        fields (ChangeFields): The public fields changed, with old and new values (on an insert, and on the publication
            of a fact shown to anonymous clients, every one, old null): fact: text_ko, text_en, text_ko_origin,
            text_en_origin, quantity_value, quantity_unit, quantity_qualifier, as_of, as_of_precision, period_start,
            period_end, status, status_reason, published_at, superseded_by, review_by, version, created_at, updated_at.
            citation: source, quote, quote_translation, locator, stance, note, accessed_on, created_at, updated_at.
            discrepancy: slug, aspect, note_ko, note_en, created_at, updated_at. source: slug, url, normalized_url,
            publisher, work, kind, language, edition_kind, title_ko, title_en, authors, program, published_on,
            published_precision, published_note, accessed_on, has_archived_text, created_at, updated_at.
        when (datetime.datetime):
        why (str):
        who (None | str | Unset): The author's username: shown only to readers who may see unpublished facts.
    """

    id: str
    object_: ChangeObject
    action: ActionEnum
    fields: ChangeFields
    when: datetime.datetime
    why: str
    who: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_.to_dict()

        action = self.action.value

        fields = self.fields.to_dict()

        when = self.when.isoformat()

        why = self.why

        who: None | str | Unset
        if isinstance(self.who, Unset):
            who = UNSET
        else:
            who = self.who

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "action": action,
                "fields": fields,
                "when": when,
                "why": why,
            }
        )
        if who is not UNSET:
            field_dict["who"] = who

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_fields import ChangeFields  # noqa: PLC0415
        from ..models.change_object import ChangeObject  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = ChangeObject.from_dict(d.pop("object"))

        action = ActionEnum(d.pop("action"))

        fields = ChangeFields.from_dict(d.pop("fields"))

        when = datetime.datetime.fromisoformat(d.pop("when"))

        why = d.pop("why")

        def _parse_who(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        who = _parse_who(d.pop("who", UNSET))

        change = cls(
            id=id,
            object_=object_,
            action=action,
            fields=fields,
            when=when,
            why=why,
            who=who,
        )

        change.additional_properties = d
        return change

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
