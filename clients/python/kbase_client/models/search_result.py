from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum
from ..models.date_precision_enum import DatePrecisionEnum
from ..models.fact_status_enum import FactStatusEnum
from ..models.language_enum import LanguageEnum
from ..models.text_origin_enum import TextOriginEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation import Citation
    from ..models.entity_brief import EntityBrief
    from ..models.named_brief import NamedBrief
    from ..models.number_check import NumberCheck
    from ..models.period import Period
    from ..models.quantity import Quantity
    from ..models.search_result_discrepancies_item import SearchResultDiscrepanciesItem
    from ..models.supersession import Supersession


T = TypeVar("T", bound="SearchResult")


@_attrs_define
class SearchResult:
    """A fact found by search: its representation, its rank, and `highlight`: the
    served text, HTML-escaped, with the matching words in <mark>.

        Attributes:
            id (UUID | Unset): The fact's stable public id.
            url (str | Unset):
            text (str | Unset): The text in `language`.
            language (LanguageEnum | Unset): * `ko` - Korean
                * `en` - English
            fallback (bool | Unset): True when the requested language was missing and the other was served.
            text_ko (str | Unset):
            text_en (str | Unset):
            text_ko_origin (BlankEnum | TextOriginEnum | Unset):
            text_en_origin (BlankEnum | TextOriginEnum | Unset):
            possibly_stale (list[LanguageEnum] | Unset): Languages whose text changed less recently than the other
                language's and has not been re-confirmed since.
            quantity (None | Quantity | Unset):
            as_of (datetime.date | None | Unset):
            as_of_precision (DatePrecisionEnum | Unset): * `day` - day
                * `month` - month
                * `year` - year
                * `unknown` - unknown
            period (None | Period | Unset):
            status (FactStatusEnum | Unset): * `draft` - draft
                * `review` - in review
                * `published` - published
                * `retracted` - retracted
                * `superseded` - superseded
            status_reason (str | Unset):
            published_at (datetime.datetime | None | Unset):
            superseded_by (None | Unset | UUID):
            review_by (datetime.date | None | Unset):
            topics (list[NamedBrief] | Unset):
            entities (list[EntityBrief] | Unset):
            citations (list[Citation] | Unset):
            number_check (NumberCheck | Unset):
            version (int | Unset):
            created_at (datetime.datetime | Unset):
            updated_at (datetime.datetime | Unset):
            supersession (Supersession | Unset):
            discrepancies (list[SearchResultDiscrepanciesItem] | Unset): On the fact detail only: where editions of a cited
                source disagree about this fact (see /discrepancies/).
            rank (float | Unset): Higher is better (ts_rank_cd, both languages).
            highlight (str | Unset):
    """

    id: UUID | Unset = UNSET
    url: str | Unset = UNSET
    text: str | Unset = UNSET
    language: LanguageEnum | Unset = UNSET
    fallback: bool | Unset = UNSET
    text_ko: str | Unset = UNSET
    text_en: str | Unset = UNSET
    text_ko_origin: BlankEnum | TextOriginEnum | Unset = UNSET
    text_en_origin: BlankEnum | TextOriginEnum | Unset = UNSET
    possibly_stale: list[LanguageEnum] | Unset = UNSET
    quantity: None | Quantity | Unset = UNSET
    as_of: datetime.date | None | Unset = UNSET
    as_of_precision: DatePrecisionEnum | Unset = UNSET
    period: None | Period | Unset = UNSET
    status: FactStatusEnum | Unset = UNSET
    status_reason: str | Unset = UNSET
    published_at: datetime.datetime | None | Unset = UNSET
    superseded_by: None | Unset | UUID = UNSET
    review_by: datetime.date | None | Unset = UNSET
    topics: list[NamedBrief] | Unset = UNSET
    entities: list[EntityBrief] | Unset = UNSET
    citations: list[Citation] | Unset = UNSET
    number_check: NumberCheck | Unset = UNSET
    version: int | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    supersession: Supersession | Unset = UNSET
    discrepancies: list[SearchResultDiscrepanciesItem] | Unset = UNSET
    rank: float | Unset = UNSET
    highlight: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.period import Period  # noqa: PLC0415
        from ..models.quantity import Quantity  # noqa: PLC0415

        id: str | Unset = UNSET
        if not isinstance(self.id, Unset):
            id = str(self.id)

        url = self.url

        text = self.text

        language: str | Unset = UNSET
        if not isinstance(self.language, Unset):
            language = self.language.value

        fallback = self.fallback

        text_ko = self.text_ko

        text_en = self.text_en

        text_ko_origin: str | Unset
        if isinstance(self.text_ko_origin, Unset):
            text_ko_origin = UNSET
        elif isinstance(self.text_ko_origin, TextOriginEnum):
            text_ko_origin = self.text_ko_origin.value
        else:
            text_ko_origin = self.text_ko_origin.value

        text_en_origin: str | Unset
        if isinstance(self.text_en_origin, Unset):
            text_en_origin = UNSET
        elif isinstance(self.text_en_origin, TextOriginEnum):
            text_en_origin = self.text_en_origin.value
        else:
            text_en_origin = self.text_en_origin.value

        possibly_stale: list[str] | Unset = UNSET
        if not isinstance(self.possibly_stale, Unset):
            possibly_stale = []
            for possibly_stale_item_data in self.possibly_stale:
                possibly_stale_item = possibly_stale_item_data.value
                possibly_stale.append(possibly_stale_item)

        quantity: dict[str, Any] | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        elif isinstance(self.quantity, Quantity):
            quantity = self.quantity.to_dict()
        else:
            quantity = self.quantity

        as_of: None | str | Unset
        if isinstance(self.as_of, Unset):
            as_of = UNSET
        elif isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        as_of_precision: str | Unset = UNSET
        if not isinstance(self.as_of_precision, Unset):
            as_of_precision = self.as_of_precision.value

        period: dict[str, Any] | None | Unset
        if isinstance(self.period, Unset):
            period = UNSET
        elif isinstance(self.period, Period):
            period = self.period.to_dict()
        else:
            period = self.period

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        status_reason = self.status_reason

        published_at: None | str | Unset
        if isinstance(self.published_at, Unset):
            published_at = UNSET
        elif isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        superseded_by: None | str | Unset
        if isinstance(self.superseded_by, Unset):
            superseded_by = UNSET
        elif isinstance(self.superseded_by, UUID):
            superseded_by = str(self.superseded_by)
        else:
            superseded_by = self.superseded_by

        review_by: None | str | Unset
        if isinstance(self.review_by, Unset):
            review_by = UNSET
        elif isinstance(self.review_by, datetime.date):
            review_by = self.review_by.isoformat()
        else:
            review_by = self.review_by

        topics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.topics, Unset):
            topics = []
            for topics_item_data in self.topics:
                topics_item = topics_item_data.to_dict()
                topics.append(topics_item)

        entities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.entities, Unset):
            entities = []
            for entities_item_data in self.entities:
                entities_item = entities_item_data.to_dict()
                entities.append(entities_item)

        citations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.citations, Unset):
            citations = []
            for citations_item_data in self.citations:
                citations_item = citations_item_data.to_dict()
                citations.append(citations_item)

        number_check: dict[str, Any] | Unset = UNSET
        if not isinstance(self.number_check, Unset):
            number_check = self.number_check.to_dict()

        version = self.version

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        supersession: dict[str, Any] | Unset = UNSET
        if not isinstance(self.supersession, Unset):
            supersession = self.supersession.to_dict()

        discrepancies: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.discrepancies, Unset):
            discrepancies = []
            for discrepancies_item_data in self.discrepancies:
                discrepancies_item = discrepancies_item_data.to_dict()
                discrepancies.append(discrepancies_item)

        rank = self.rank

        highlight = self.highlight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if url is not UNSET:
            field_dict["url"] = url
        if text is not UNSET:
            field_dict["text"] = text
        if language is not UNSET:
            field_dict["language"] = language
        if fallback is not UNSET:
            field_dict["fallback"] = fallback
        if text_ko is not UNSET:
            field_dict["text_ko"] = text_ko
        if text_en is not UNSET:
            field_dict["text_en"] = text_en
        if text_ko_origin is not UNSET:
            field_dict["text_ko_origin"] = text_ko_origin
        if text_en_origin is not UNSET:
            field_dict["text_en_origin"] = text_en_origin
        if possibly_stale is not UNSET:
            field_dict["possibly_stale"] = possibly_stale
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if as_of_precision is not UNSET:
            field_dict["as_of_precision"] = as_of_precision
        if period is not UNSET:
            field_dict["period"] = period
        if status is not UNSET:
            field_dict["status"] = status
        if status_reason is not UNSET:
            field_dict["status_reason"] = status_reason
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if superseded_by is not UNSET:
            field_dict["superseded_by"] = superseded_by
        if review_by is not UNSET:
            field_dict["review_by"] = review_by
        if topics is not UNSET:
            field_dict["topics"] = topics
        if entities is not UNSET:
            field_dict["entities"] = entities
        if citations is not UNSET:
            field_dict["citations"] = citations
        if number_check is not UNSET:
            field_dict["number_check"] = number_check
        if version is not UNSET:
            field_dict["version"] = version
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if supersession is not UNSET:
            field_dict["supersession"] = supersession
        if discrepancies is not UNSET:
            field_dict["discrepancies"] = discrepancies
        if rank is not UNSET:
            field_dict["rank"] = rank
        if highlight is not UNSET:
            field_dict["highlight"] = highlight

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation import Citation  # noqa: PLC0415
        from ..models.entity_brief import EntityBrief  # noqa: PLC0415
        from ..models.named_brief import NamedBrief  # noqa: PLC0415
        from ..models.number_check import NumberCheck  # noqa: PLC0415
        from ..models.period import Period  # noqa: PLC0415
        from ..models.quantity import Quantity  # noqa: PLC0415
        from ..models.search_result_discrepancies_item import SearchResultDiscrepanciesItem  # noqa: PLC0415
        from ..models.supersession import Supersession  # noqa: PLC0415

        d = dict(src_dict)
        _id = d.pop("id", UNSET)
        id: UUID | Unset
        if isinstance(_id, Unset):
            id = UNSET
        else:
            id = UUID(_id)

        url = d.pop("url", UNSET)

        text = d.pop("text", UNSET)

        _language = d.pop("language", UNSET)
        language: LanguageEnum | Unset
        if isinstance(_language, Unset):
            language = UNSET
        else:
            language = LanguageEnum(_language)

        fallback = d.pop("fallback", UNSET)

        text_ko = d.pop("text_ko", UNSET)

        text_en = d.pop("text_en", UNSET)

        def _parse_text_ko_origin(data: object) -> BlankEnum | TextOriginEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                text_ko_origin_type_0 = TextOriginEnum(data)

                return text_ko_origin_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            text_ko_origin_type_1 = BlankEnum(data)

            return text_ko_origin_type_1

        text_ko_origin = _parse_text_ko_origin(d.pop("text_ko_origin", UNSET))

        def _parse_text_en_origin(data: object) -> BlankEnum | TextOriginEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                text_en_origin_type_0 = TextOriginEnum(data)

                return text_en_origin_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            text_en_origin_type_1 = BlankEnum(data)

            return text_en_origin_type_1

        text_en_origin = _parse_text_en_origin(d.pop("text_en_origin", UNSET))

        _possibly_stale = d.pop("possibly_stale", UNSET)
        possibly_stale: list[LanguageEnum] | Unset = UNSET
        if _possibly_stale is not UNSET:
            possibly_stale = []
            for possibly_stale_item_data in _possibly_stale:
                possibly_stale_item = LanguageEnum(possibly_stale_item_data)

                possibly_stale.append(possibly_stale_item)

        def _parse_quantity(data: object) -> None | Quantity | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quantity_type_0 = Quantity.from_dict(data)

                return quantity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Quantity | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_as_of(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.date.fromisoformat(data)

                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        as_of = _parse_as_of(d.pop("as_of", UNSET))

        _as_of_precision = d.pop("as_of_precision", UNSET)
        as_of_precision: DatePrecisionEnum | Unset
        if isinstance(_as_of_precision, Unset):
            as_of_precision = UNSET
        else:
            as_of_precision = DatePrecisionEnum(_as_of_precision)

        def _parse_period(data: object) -> None | Period | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                period_type_0 = Period.from_dict(data)

                return period_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Period | Unset, data)

        period = _parse_period(d.pop("period", UNSET))

        _status = d.pop("status", UNSET)
        status: FactStatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = FactStatusEnum(_status)

        status_reason = d.pop("status_reason", UNSET)

        def _parse_published_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        published_at = _parse_published_at(d.pop("published_at", UNSET))

        def _parse_superseded_by(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                superseded_by_type_0 = UUID(data)

                return superseded_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        superseded_by = _parse_superseded_by(d.pop("superseded_by", UNSET))

        def _parse_review_by(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_by_type_0 = datetime.date.fromisoformat(data)

                return review_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        review_by = _parse_review_by(d.pop("review_by", UNSET))

        _topics = d.pop("topics", UNSET)
        topics: list[NamedBrief] | Unset = UNSET
        if _topics is not UNSET:
            topics = []
            for topics_item_data in _topics:
                topics_item = NamedBrief.from_dict(topics_item_data)

                topics.append(topics_item)

        _entities = d.pop("entities", UNSET)
        entities: list[EntityBrief] | Unset = UNSET
        if _entities is not UNSET:
            entities = []
            for entities_item_data in _entities:
                entities_item = EntityBrief.from_dict(entities_item_data)

                entities.append(entities_item)

        _citations = d.pop("citations", UNSET)
        citations: list[Citation] | Unset = UNSET
        if _citations is not UNSET:
            citations = []
            for citations_item_data in _citations:
                citations_item = Citation.from_dict(citations_item_data)

                citations.append(citations_item)

        _number_check = d.pop("number_check", UNSET)
        number_check: NumberCheck | Unset
        if isinstance(_number_check, Unset):
            number_check = UNSET
        else:
            number_check = NumberCheck.from_dict(_number_check)

        version = d.pop("version", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        _supersession = d.pop("supersession", UNSET)
        supersession: Supersession | Unset
        if isinstance(_supersession, Unset):
            supersession = UNSET
        else:
            supersession = Supersession.from_dict(_supersession)

        _discrepancies = d.pop("discrepancies", UNSET)
        discrepancies: list[SearchResultDiscrepanciesItem] | Unset = UNSET
        if _discrepancies is not UNSET:
            discrepancies = []
            for discrepancies_item_data in _discrepancies:
                discrepancies_item = SearchResultDiscrepanciesItem.from_dict(discrepancies_item_data)

                discrepancies.append(discrepancies_item)

        rank = d.pop("rank", UNSET)

        highlight = d.pop("highlight", UNSET)

        search_result = cls(
            id=id,
            url=url,
            text=text,
            language=language,
            fallback=fallback,
            text_ko=text_ko,
            text_en=text_en,
            text_ko_origin=text_ko_origin,
            text_en_origin=text_en_origin,
            possibly_stale=possibly_stale,
            quantity=quantity,
            as_of=as_of,
            as_of_precision=as_of_precision,
            period=period,
            status=status,
            status_reason=status_reason,
            published_at=published_at,
            superseded_by=superseded_by,
            review_by=review_by,
            topics=topics,
            entities=entities,
            citations=citations,
            number_check=number_check,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            supersession=supersession,
            discrepancies=discrepancies,
            rank=rank,
            highlight=highlight,
        )

        search_result.additional_properties = d
        return search_result

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
