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
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.author_request import AuthorRequest


T = TypeVar("T", bound="SourceWriteRequest")


@_attrs_define
class SourceWriteRequest:
    """Refuses unknown keys (a typo never passes silently) and drops the keys of
    the read representation (`ignored_keys`: ids, status, timestamps...), which a
    client may send back but never writes.

        Attributes:
            slug (str):
            publisher (str):
            kind (SourceKindEnum): * `article` - article
                * `editorial` - editorial
                * `broadcast_transcript` - broadcast transcript
                * `report` - report
                * `dataset` - dataset
                * `statement` - statement
            language (LanguageEnum): * `ko` - Korean
                * `en` - English
            edition_of (int | None | Unset): Another edition (e.g. the original) of the same work.
            edition_kind (EditionKindEnum | Unset): * `original` - original
                * `translation` - translation Default: EditionKindEnum.ORIGINAL.
            title_ko (str | Unset):  Default: ''.
            title_en (str | Unset):  Default: ''.
            authors (list[AuthorRequest] | Unset):
            program (str | Unset):  Default: ''.
            published_on (datetime.date | None | Unset):
            published_precision (DatePrecisionEnum | Unset): * `day` - day
                * `month` - month
                * `year` - year
                * `unknown` - unknown Default: DatePrecisionEnum.UNKNOWN.
            published_note (str | Unset):  Default: ''.
            url (str | Unset):
            accessed_on (datetime.date | None | Unset):
            archived_text (str | Unset):  Default: ''.
    """

    slug: str
    publisher: str
    kind: SourceKindEnum
    language: LanguageEnum
    edition_of: int | None | Unset = UNSET
    edition_kind: EditionKindEnum | Unset = EditionKindEnum.ORIGINAL
    title_ko: str | Unset = ""
    title_en: str | Unset = ""
    authors: list[AuthorRequest] | Unset = UNSET
    program: str | Unset = ""
    published_on: datetime.date | None | Unset = UNSET
    published_precision: DatePrecisionEnum | Unset = DatePrecisionEnum.UNKNOWN
    published_note: str | Unset = ""
    url: str | Unset = UNSET
    accessed_on: datetime.date | None | Unset = UNSET
    archived_text: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        publisher = self.publisher

        kind = self.kind.value

        language = self.language.value

        edition_of: int | None | Unset
        if isinstance(self.edition_of, Unset):
            edition_of = UNSET
        else:
            edition_of = self.edition_of

        edition_kind: str | Unset = UNSET
        if not isinstance(self.edition_kind, Unset):
            edition_kind = self.edition_kind.value

        title_ko = self.title_ko

        title_en = self.title_en

        authors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.authors, Unset):
            authors = []
            for authors_item_data in self.authors:
                authors_item = authors_item_data.to_dict()
                authors.append(authors_item)

        program = self.program

        published_on: None | str | Unset
        if isinstance(self.published_on, Unset):
            published_on = UNSET
        elif isinstance(self.published_on, datetime.date):
            published_on = self.published_on.isoformat()
        else:
            published_on = self.published_on

        published_precision: str | Unset = UNSET
        if not isinstance(self.published_precision, Unset):
            published_precision = self.published_precision.value

        published_note = self.published_note

        url: str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url

        accessed_on: None | str | Unset
        if isinstance(self.accessed_on, Unset):
            accessed_on = UNSET
        elif isinstance(self.accessed_on, datetime.date):
            accessed_on = self.accessed_on.isoformat()
        else:
            accessed_on = self.accessed_on

        archived_text = self.archived_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "publisher": publisher,
                "kind": kind,
                "language": language,
            }
        )
        if edition_of is not UNSET:
            field_dict["edition_of"] = edition_of
        if edition_kind is not UNSET:
            field_dict["edition_kind"] = edition_kind
        if title_ko is not UNSET:
            field_dict["title_ko"] = title_ko
        if title_en is not UNSET:
            field_dict["title_en"] = title_en
        if authors is not UNSET:
            field_dict["authors"] = authors
        if program is not UNSET:
            field_dict["program"] = program
        if published_on is not UNSET:
            field_dict["published_on"] = published_on
        if published_precision is not UNSET:
            field_dict["published_precision"] = published_precision
        if published_note is not UNSET:
            field_dict["published_note"] = published_note
        if url is not UNSET:
            field_dict["url"] = url
        if accessed_on is not UNSET:
            field_dict["accessed_on"] = accessed_on
        if archived_text is not UNSET:
            field_dict["archived_text"] = archived_text

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.author_request import AuthorRequest  # noqa: PLC0415

        d = dict(src_dict)
        slug = d.pop("slug")

        publisher = d.pop("publisher")

        kind = SourceKindEnum(d.pop("kind"))

        language = LanguageEnum(d.pop("language"))

        def _parse_edition_of(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        edition_of = _parse_edition_of(d.pop("edition_of", UNSET))

        _edition_kind = d.pop("edition_kind", UNSET)
        edition_kind: EditionKindEnum | Unset
        if isinstance(_edition_kind, Unset):
            edition_kind = UNSET
        else:
            edition_kind = EditionKindEnum(_edition_kind)

        title_ko = d.pop("title_ko", UNSET)

        title_en = d.pop("title_en", UNSET)

        _authors = d.pop("authors", UNSET)
        authors: list[AuthorRequest] | Unset = UNSET
        if _authors is not UNSET:
            authors = []
            for authors_item_data in _authors:
                authors_item = AuthorRequest.from_dict(authors_item_data)

                authors.append(authors_item)

        program = d.pop("program", UNSET)

        def _parse_published_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_on_type_0 = datetime.date.fromisoformat(data)

                return published_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        published_on = _parse_published_on(d.pop("published_on", UNSET))

        _published_precision = d.pop("published_precision", UNSET)
        published_precision: DatePrecisionEnum | Unset
        if isinstance(_published_precision, Unset):
            published_precision = UNSET
        else:
            published_precision = DatePrecisionEnum(_published_precision)

        published_note = d.pop("published_note", UNSET)

        def _parse_url(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))

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

        archived_text = d.pop("archived_text", UNSET)

        source_write_request = cls(
            slug=slug,
            publisher=publisher,
            kind=kind,
            language=language,
            edition_of=edition_of,
            edition_kind=edition_kind,
            title_ko=title_ko,
            title_en=title_en,
            authors=authors,
            program=program,
            published_on=published_on,
            published_precision=published_precision,
            published_note=published_note,
            url=url,
            accessed_on=accessed_on,
            archived_text=archived_text,
        )

        source_write_request.additional_properties = d
        return source_write_request

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
