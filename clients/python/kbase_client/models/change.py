from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_enum import ActionEnum

if TYPE_CHECKING:
    from ..models.change_fields import ChangeFields
    from ..models.change_object import ChangeObject


T = TypeVar("T", bound="Change")


@_attrs_define
class Change:
    """One recorded change (built by kbase.facts.changes.change_data).

    Attributes:
        id (str):
        object_ (ChangeObject):
        action (ActionEnum): * `insert` - insert
            * `update` - update
            * `delete` - delete
        fields (ChangeFields):
        who (None | str):
        when (datetime.datetime):
        why (str):
    """

    id: str
    object_: ChangeObject
    action: ActionEnum
    fields: ChangeFields
    who: None | str
    when: datetime.datetime
    why: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_.to_dict()

        action = self.action.value

        fields = self.fields.to_dict()

        who: None | str
        who = self.who

        when = self.when.isoformat()

        why = self.why

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "action": action,
                "fields": fields,
                "who": who,
                "when": when,
                "why": why,
            }
        )

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

        def _parse_who(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        who = _parse_who(d.pop("who"))

        when = datetime.datetime.fromisoformat(d.pop("when"))

        why = d.pop("why")

        change = cls(
            id=id,
            object_=object_,
            action=action,
            fields=fields,
            who=who,
            when=when,
            why=why,
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
