from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.fact import Fact
    from ..models.source import Source


T = TypeVar("T", bound="SourceLookup")


@_attrs_define
class SourceLookup:
    """
    Attributes:
        source (Source):
        editions (list[Source]):
        facts (list[Fact]):
    """

    source: Source
    editions: list[Source]
    facts: list[Fact]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source.to_dict()

        editions = []
        for editions_item_data in self.editions:
            editions_item = editions_item_data.to_dict()
            editions.append(editions_item)

        facts = []
        for facts_item_data in self.facts:
            facts_item = facts_item_data.to_dict()
            facts.append(facts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "editions": editions,
                "facts": facts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fact import Fact  # noqa: PLC0415
        from ..models.source import Source  # noqa: PLC0415

        d = dict(src_dict)
        source = Source.from_dict(d.pop("source"))

        editions = []
        _editions = d.pop("editions")
        for editions_item_data in _editions:
            editions_item = Source.from_dict(editions_item_data)

            editions.append(editions_item)

        facts = []
        _facts = d.pop("facts")
        for facts_item_data in _facts:
            facts_item = Fact.from_dict(facts_item_data)

            facts.append(facts_item)

        source_lookup = cls(
            source=source,
            editions=editions,
            facts=facts,
        )

        source_lookup.additional_properties = d
        return source_lookup

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
