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

if TYPE_CHECKING:
    from ..models.citation import Citation
    from ..models.entity_brief import EntityBrief
    from ..models.named_brief import NamedBrief
    from ..models.number_check import NumberCheck
    from ..models.period import Period
    from ..models.quantity import Quantity


T = TypeVar("T", bound="Fact")


@_attrs_define
class Fact:
    """A fact in both languages, plus `text` in the negotiated one.

    Attributes:
        id (UUID): The fact's stable public id.
        url (str): The fact's address in this API.
        text (str): The text in `language`.
        language (LanguageEnum): * `ko` - Korean
            * `en` - English
        fallback (bool): True when the requested language was missing and the other was served.
        text_ko (str):
        text_en (str):
        text_ko_origin (BlankEnum | TextOriginEnum):
        text_en_origin (BlankEnum | TextOriginEnum):
        possibly_stale (list[LanguageEnum]): Languages whose text changed less recently than the other language's and
            has not been re-confirmed since.
        quantity (None | Quantity):
        as_of (datetime.date | None):
        as_of_precision (DatePrecisionEnum): * `day` - day
            * `month` - month
            * `year` - year
            * `unknown` - unknown
        period (None | Period):
        status (FactStatusEnum): * `draft` - draft
            * `review` - in review
            * `published` - published
            * `retracted` - retracted
            * `superseded` - superseded
        status_reason (str):
        published_at (datetime.datetime | None):
        superseded_by (None | UUID):
        review_by (datetime.date | None):
        topics (list[NamedBrief]):
        entities (list[EntityBrief]):
        citations (list[Citation]):
        number_check (None | NumberCheck): Numbers read from both texts, compared with each other and with the quantity.
            A warning, not an error: editions do disagree. Null until the fact is first indexed.
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    url: str
    text: str
    language: LanguageEnum
    fallback: bool
    text_ko: str
    text_en: str
    text_ko_origin: BlankEnum | TextOriginEnum
    text_en_origin: BlankEnum | TextOriginEnum
    possibly_stale: list[LanguageEnum]
    quantity: None | Quantity
    as_of: datetime.date | None
    as_of_precision: DatePrecisionEnum
    period: None | Period
    status: FactStatusEnum
    status_reason: str
    published_at: datetime.datetime | None
    superseded_by: None | UUID
    review_by: datetime.date | None
    topics: list[NamedBrief]
    entities: list[EntityBrief]
    citations: list[Citation]
    number_check: None | NumberCheck
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.number_check import NumberCheck  # noqa: PLC0415
        from ..models.period import Period  # noqa: PLC0415
        from ..models.quantity import Quantity  # noqa: PLC0415

        id = str(self.id)

        url = self.url

        text = self.text

        language = self.language.value

        fallback = self.fallback

        text_ko = self.text_ko

        text_en = self.text_en

        text_ko_origin: str
        if isinstance(self.text_ko_origin, TextOriginEnum):
            text_ko_origin = self.text_ko_origin.value
        else:
            text_ko_origin = self.text_ko_origin.value

        text_en_origin: str
        if isinstance(self.text_en_origin, TextOriginEnum):
            text_en_origin = self.text_en_origin.value
        else:
            text_en_origin = self.text_en_origin.value

        possibly_stale = []
        for possibly_stale_item_data in self.possibly_stale:
            possibly_stale_item = possibly_stale_item_data.value
            possibly_stale.append(possibly_stale_item)

        quantity: dict[str, Any] | None
        if isinstance(self.quantity, Quantity):
            quantity = self.quantity.to_dict()
        else:
            quantity = self.quantity

        as_of: None | str
        if isinstance(self.as_of, datetime.date):
            as_of = self.as_of.isoformat()
        else:
            as_of = self.as_of

        as_of_precision = self.as_of_precision.value

        period: dict[str, Any] | None
        if isinstance(self.period, Period):
            period = self.period.to_dict()
        else:
            period = self.period

        status = self.status.value

        status_reason = self.status_reason

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        superseded_by: None | str
        if isinstance(self.superseded_by, UUID):
            superseded_by = str(self.superseded_by)
        else:
            superseded_by = self.superseded_by

        review_by: None | str
        if isinstance(self.review_by, datetime.date):
            review_by = self.review_by.isoformat()
        else:
            review_by = self.review_by

        topics = []
        for topics_item_data in self.topics:
            topics_item = topics_item_data.to_dict()
            topics.append(topics_item)

        entities = []
        for entities_item_data in self.entities:
            entities_item = entities_item_data.to_dict()
            entities.append(entities_item)

        citations = []
        for citations_item_data in self.citations:
            citations_item = citations_item_data.to_dict()
            citations.append(citations_item)

        number_check: dict[str, Any] | None
        if isinstance(self.number_check, NumberCheck):
            number_check = self.number_check.to_dict()
        else:
            number_check = self.number_check

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "text": text,
                "language": language,
                "fallback": fallback,
                "text_ko": text_ko,
                "text_en": text_en,
                "text_ko_origin": text_ko_origin,
                "text_en_origin": text_en_origin,
                "possibly_stale": possibly_stale,
                "quantity": quantity,
                "as_of": as_of,
                "as_of_precision": as_of_precision,
                "period": period,
                "status": status,
                "status_reason": status_reason,
                "published_at": published_at,
                "superseded_by": superseded_by,
                "review_by": review_by,
                "topics": topics,
                "entities": entities,
                "citations": citations,
                "number_check": number_check,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation import Citation  # noqa: PLC0415
        from ..models.entity_brief import EntityBrief  # noqa: PLC0415
        from ..models.named_brief import NamedBrief  # noqa: PLC0415
        from ..models.number_check import NumberCheck  # noqa: PLC0415
        from ..models.period import Period  # noqa: PLC0415
        from ..models.quantity import Quantity  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        url = d.pop("url")

        text = d.pop("text")

        language = LanguageEnum(d.pop("language"))

        fallback = d.pop("fallback")

        text_ko = d.pop("text_ko")

        text_en = d.pop("text_en")

        def _parse_text_ko_origin(data: object) -> BlankEnum | TextOriginEnum:
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

        text_ko_origin = _parse_text_ko_origin(d.pop("text_ko_origin"))

        def _parse_text_en_origin(data: object) -> BlankEnum | TextOriginEnum:
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

        text_en_origin = _parse_text_en_origin(d.pop("text_en_origin"))

        possibly_stale = []
        _possibly_stale = d.pop("possibly_stale")
        for possibly_stale_item_data in _possibly_stale:
            possibly_stale_item = LanguageEnum(possibly_stale_item_data)

            possibly_stale.append(possibly_stale_item)

        def _parse_quantity(data: object) -> None | Quantity:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quantity_type_0 = Quantity.from_dict(data)

                return quantity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Quantity, data)

        quantity = _parse_quantity(d.pop("quantity"))

        def _parse_as_of(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                as_of_type_0 = datetime.date.fromisoformat(data)

                return as_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        as_of = _parse_as_of(d.pop("as_of"))

        as_of_precision = DatePrecisionEnum(d.pop("as_of_precision"))

        def _parse_period(data: object) -> None | Period:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                period_type_0 = Period.from_dict(data)

                return period_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Period, data)

        period = _parse_period(d.pop("period"))

        status = FactStatusEnum(d.pop("status"))

        status_reason = d.pop("status_reason")

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_superseded_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                superseded_by_type_0 = UUID(data)

                return superseded_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        superseded_by = _parse_superseded_by(d.pop("superseded_by"))

        def _parse_review_by(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_by_type_0 = datetime.date.fromisoformat(data)

                return review_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        review_by = _parse_review_by(d.pop("review_by"))

        topics = []
        _topics = d.pop("topics")
        for topics_item_data in _topics:
            topics_item = NamedBrief.from_dict(topics_item_data)

            topics.append(topics_item)

        entities = []
        _entities = d.pop("entities")
        for entities_item_data in _entities:
            entities_item = EntityBrief.from_dict(entities_item_data)

            entities.append(entities_item)

        citations = []
        _citations = d.pop("citations")
        for citations_item_data in _citations:
            citations_item = Citation.from_dict(citations_item_data)

            citations.append(citations_item)

        def _parse_number_check(data: object) -> None | NumberCheck:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                number_check_type_0 = NumberCheck.from_dict(data)

                return number_check_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NumberCheck, data)

        number_check = _parse_number_check(d.pop("number_check"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        fact = cls(
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
        )

        fact.additional_properties = d
        return fact

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
