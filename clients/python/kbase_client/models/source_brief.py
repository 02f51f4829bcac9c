from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.language_enum import LanguageEnum
from ..models.source_kind_enum import SourceKindEnum

if TYPE_CHECKING:
    from ..models.publisher_brief import PublisherBrief


T = TypeVar("T", bound="SourceBrief")


@_attrs_define
class SourceBrief:
    """A source as a citation shows it (stored by PostgreSQL: SourceBrief).

    Attributes:
        id (int):
        slug (str):
        kind (SourceKindEnum): * `article` - article
            * `editorial` - editorial
            * `broadcast_transcript` - broadcast transcript
            * `report` - report
            * `dataset` - dataset
            * `statement` - statement
        language (LanguageEnum): * `ko` - Korean
            * `en` - English
        title (str): The edition's own title.
        publisher (PublisherBrief):
        published_on (datetime.date | None):
        url (str):
    """

    id: int
    slug: str
    kind: SourceKindEnum
    language: LanguageEnum
    title: str
    publisher: PublisherBrief
    published_on: datetime.date | None
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        kind = self.kind.value

        language = self.language.value

        title = self.title

        publisher = self.publisher.to_dict()

        published_on: None | str
        if isinstance(self.published_on, datetime.date):
            published_on = self.published_on.isoformat()
        else:
            published_on = self.published_on

        url: str
        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "kind": kind,
                "language": language,
                "title": title,
                "publisher": publisher,
                "published_on": published_on,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.publisher_brief import PublisherBrief  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        kind = SourceKindEnum(d.pop("kind"))

        language = LanguageEnum(d.pop("language"))

        title = d.pop("title")

        publisher = PublisherBrief.from_dict(d.pop("publisher"))

        def _parse_published_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_on_type_0 = datetime.date.fromisoformat(data)

                return published_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        published_on = _parse_published_on(d.pop("published_on"))

        def _parse_url(data: object) -> str:
            return cast(str, data)

        url = _parse_url(d.pop("url"))

        source_brief = cls(
            id=id,
            slug=slug,
            kind=kind,
            language=language,
            title=title,
            publisher=publisher,
            published_on=published_on,
            url=url,
        )

        source_brief.additional_properties = d
        return source_brief

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
