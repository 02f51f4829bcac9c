from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.date_precision_enum import DatePrecisionEnum
from ..models.edition_kind_enum import EditionKindEnum
from ..models.language_enum import LanguageEnum
from ..models.source_kind_enum import SourceKindEnum

if TYPE_CHECKING:
    from ..models.author import Author
    from ..models.publisher import Publisher


T = TypeVar("T", bound="Source")


@_attrs_define
class Source:
    """
    Attributes:
        id (int):
        slug (str):
        url (str): The URL as given.
        normalized_url (None | str): The key every variant maps to.
        publisher (Publisher):
        work (str): Editions of one work share this.
        kind (SourceKindEnum): * `article` - article
            * `editorial` - editorial
            * `broadcast_transcript` - broadcast transcript
            * `report` - report
            * `dataset` - dataset
            * `statement` - statement
        language (LanguageEnum): * `ko` - Korean
            * `en` - English
        edition_kind (EditionKindEnum): * `original` - original
            * `translation` - translation
        title (str):
        title_ko (str):
        title_en (str):
        authors (list[Author]):
        program (str):
        published_on (datetime.date | None):
        published_precision (DatePrecisionEnum): * `day` - day
            * `month` - month
            * `year` - year
            * `unknown` - unknown
        published_note (str):
        accessed_on (datetime.date | None):
        has_archived_text (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: int
    slug: str
    url: str
    normalized_url: None | str
    publisher: Publisher
    work: str
    kind: SourceKindEnum
    language: LanguageEnum
    edition_kind: EditionKindEnum
    title: str
    title_ko: str
    title_en: str
    authors: list[Author]
    program: str
    published_on: datetime.date | None
    published_precision: DatePrecisionEnum
    published_note: str
    accessed_on: datetime.date | None
    has_archived_text: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        url: str
        url = self.url

        normalized_url: None | str
        normalized_url = self.normalized_url

        publisher = self.publisher.to_dict()

        work = self.work

        kind = self.kind.value

        language = self.language.value

        edition_kind = self.edition_kind.value

        title = self.title

        title_ko = self.title_ko

        title_en = self.title_en

        authors = []
        for authors_item_data in self.authors:
            authors_item = authors_item_data.to_dict()
            authors.append(authors_item)

        program = self.program

        published_on: None | str
        if isinstance(self.published_on, datetime.date):
            published_on = self.published_on.isoformat()
        else:
            published_on = self.published_on

        published_precision = self.published_precision.value

        published_note = self.published_note

        accessed_on: None | str
        if isinstance(self.accessed_on, datetime.date):
            accessed_on = self.accessed_on.isoformat()
        else:
            accessed_on = self.accessed_on

        has_archived_text = self.has_archived_text

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "url": url,
                "normalized_url": normalized_url,
                "publisher": publisher,
                "work": work,
                "kind": kind,
                "language": language,
                "edition_kind": edition_kind,
                "title": title,
                "title_ko": title_ko,
                "title_en": title_en,
                "authors": authors,
                "program": program,
                "published_on": published_on,
                "published_precision": published_precision,
                "published_note": published_note,
                "accessed_on": accessed_on,
                "has_archived_text": has_archived_text,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.author import Author  # noqa: PLC0415
        from ..models.publisher import Publisher  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        def _parse_url(data: object) -> str:
            return cast(str, data)

        url = _parse_url(d.pop("url"))

        def _parse_normalized_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        normalized_url = _parse_normalized_url(d.pop("normalized_url"))

        publisher = Publisher.from_dict(d.pop("publisher"))

        work = d.pop("work")

        kind = SourceKindEnum(d.pop("kind"))

        language = LanguageEnum(d.pop("language"))

        edition_kind = EditionKindEnum(d.pop("edition_kind"))

        title = d.pop("title")

        title_ko = d.pop("title_ko")

        title_en = d.pop("title_en")

        authors = []
        _authors = d.pop("authors")
        for authors_item_data in _authors:
            authors_item = Author.from_dict(authors_item_data)

            authors.append(authors_item)

        program = d.pop("program")

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

        published_precision = DatePrecisionEnum(d.pop("published_precision"))

        published_note = d.pop("published_note")

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

        has_archived_text = d.pop("has_archived_text")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        source = cls(
            id=id,
            slug=slug,
            url=url,
            normalized_url=normalized_url,
            publisher=publisher,
            work=work,
            kind=kind,
            language=language,
            edition_kind=edition_kind,
            title=title,
            title_ko=title_ko,
            title_en=title_en,
            authors=authors,
            program=program,
            published_on=published_on,
            published_precision=published_precision,
            published_note=published_note,
            accessed_on=accessed_on,
            has_archived_text=has_archived_text,
            created_at=created_at,
            updated_at=updated_at,
        )

        source.additional_properties = d
        return source

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
