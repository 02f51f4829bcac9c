from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum
from ..models.date_precision_enum import DatePrecisionEnum
from ..models.text_origin_enum import TextOriginEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.citation_write_request import CitationWriteRequest
    from ..models.period_request import PeriodRequest
    from ..models.quantity_request import QuantityRequest


T = TypeVar("T", bound="FactWriteRequest")


@_attrs_define
class FactWriteRequest:
    """What a client may write. Read-only keys of the representation are ignored;
    unknown keys are refused, so a typo never passes silently.

        Attributes:
            text_ko (str | Unset):
            text_en (str | Unset):
            text_ko_origin (BlankEnum | TextOriginEnum | Unset):
            text_en_origin (BlankEnum | TextOriginEnum | Unset):
            quantity (None | QuantityRequest | Unset):
            as_of (datetime.date | None | Unset):
            as_of_precision (DatePrecisionEnum | Unset): * `day` - day
                * `month` - month
                * `year` - year
                * `unknown` - unknown
            period (None | PeriodRequest | Unset):
            review_by (datetime.date | None | Unset):
            topics (list[str] | Unset):
            entities (list[str] | Unset):
            citations (list[CitationWriteRequest] | Unset): Only on create; afterwards use /facts/{id}/citations/.
            reason (str | Unset): Why: kept in the fact's history.
    """

    text_ko: str | Unset = UNSET
    text_en: str | Unset = UNSET
    text_ko_origin: BlankEnum | TextOriginEnum | Unset = UNSET
    text_en_origin: BlankEnum | TextOriginEnum | Unset = UNSET
    quantity: None | QuantityRequest | Unset = UNSET
    as_of: datetime.date | None | Unset = UNSET
    as_of_precision: DatePrecisionEnum | Unset = UNSET
    period: None | PeriodRequest | Unset = UNSET
    review_by: datetime.date | None | Unset = UNSET
    topics: list[str] | Unset = UNSET
    entities: list[str] | Unset = UNSET
    citations: list[CitationWriteRequest] | Unset = UNSET
    reason: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.period_request import PeriodRequest  # noqa: PLC0415
        from ..models.quantity_request import QuantityRequest  # noqa: PLC0415

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

        quantity: dict[str, Any] | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        elif isinstance(self.quantity, QuantityRequest):
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
        elif isinstance(self.period, PeriodRequest):
            period = self.period.to_dict()
        else:
            period = self.period

        review_by: None | str | Unset
        if isinstance(self.review_by, Unset):
            review_by = UNSET
        elif isinstance(self.review_by, datetime.date):
            review_by = self.review_by.isoformat()
        else:
            review_by = self.review_by

        topics: list[str] | Unset = UNSET
        if not isinstance(self.topics, Unset):
            topics = self.topics

        entities: list[str] | Unset = UNSET
        if not isinstance(self.entities, Unset):
            entities = self.entities

        citations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.citations, Unset):
            citations = []
            for citations_item_data in self.citations:
                citations_item = citations_item_data.to_dict()
                citations.append(citations_item)

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if text_ko is not UNSET:
            field_dict["text_ko"] = text_ko
        if text_en is not UNSET:
            field_dict["text_en"] = text_en
        if text_ko_origin is not UNSET:
            field_dict["text_ko_origin"] = text_ko_origin
        if text_en_origin is not UNSET:
            field_dict["text_en_origin"] = text_en_origin
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if as_of is not UNSET:
            field_dict["as_of"] = as_of
        if as_of_precision is not UNSET:
            field_dict["as_of_precision"] = as_of_precision
        if period is not UNSET:
            field_dict["period"] = period
        if review_by is not UNSET:
            field_dict["review_by"] = review_by
        if topics is not UNSET:
            field_dict["topics"] = topics
        if entities is not UNSET:
            field_dict["entities"] = entities
        if citations is not UNSET:
            field_dict["citations"] = citations
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.citation_write_request import CitationWriteRequest  # noqa: PLC0415
        from ..models.period_request import PeriodRequest  # noqa: PLC0415
        from ..models.quantity_request import QuantityRequest  # noqa: PLC0415

        d = dict(src_dict)
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

        def _parse_quantity(data: object) -> None | QuantityRequest | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quantity_type_0 = QuantityRequest.from_dict(data)

                return quantity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuantityRequest | Unset, data)

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

        def _parse_period(data: object) -> None | PeriodRequest | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                period_type_0 = PeriodRequest.from_dict(data)

                return period_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PeriodRequest | Unset, data)

        period = _parse_period(d.pop("period", UNSET))

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

        topics = cast(list[str], d.pop("topics", UNSET))

        entities = cast(list[str], d.pop("entities", UNSET))

        _citations = d.pop("citations", UNSET)
        citations: list[CitationWriteRequest] | Unset = UNSET
        if _citations is not UNSET:
            citations = []
            for citations_item_data in _citations:
                citations_item = CitationWriteRequest.from_dict(citations_item_data)

                citations.append(citations_item)

        reason = d.pop("reason", UNSET)

        fact_write_request = cls(
            text_ko=text_ko,
            text_en=text_en,
            text_ko_origin=text_ko_origin,
            text_en_origin=text_en_origin,
            quantity=quantity,
            as_of=as_of,
            as_of_precision=as_of_precision,
            period=period,
            review_by=review_by,
            topics=topics,
            entities=entities,
            citations=citations,
            reason=reason,
        )

        fact_write_request.additional_properties = d
        return fact_write_request

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
