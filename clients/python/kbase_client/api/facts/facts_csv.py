import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.facts_csv_ordering import FactsCsvOrdering
from ...models.facts_csv_source_language import FactsCsvSourceLanguage
from ...models.facts_csv_status_item import FactsCsvStatusItem
from ...models.facts_csv_unit import FactsCsvUnit
from ...models.language_enum import LanguageEnum
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    as_of_after: datetime.date | Unset = UNSET,
    as_of_before: datetime.date | Unset = UNSET,
    created_since: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    has_discrepancy: bool | Unset = UNSET,
    has_en: bool | Unset = UNSET,
    has_ko: bool | Unset = UNSET,
    id: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    needs_review: bool | Unset = UNSET,
    ordering: FactsCsvOrdering | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    quantity_max: float | Unset = UNSET,
    quantity_min: float | Unset = UNSET,
    review_before: datetime.date | Unset = UNSET,
    source: int | Unset = UNSET,
    source_language: FactsCsvSourceLanguage | Unset = UNSET,
    source_url: str | Unset = UNSET,
    status: list[FactsCsvStatusItem] | Unset = UNSET,
    topic: list[str] | Unset = UNSET,
    unit: list[FactsCsvUnit] | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    json_as_of_after: str | Unset = UNSET
    if not isinstance(as_of_after, Unset):
        json_as_of_after = as_of_after.isoformat()
    params["as_of_after"] = json_as_of_after

    json_as_of_before: str | Unset = UNSET
    if not isinstance(as_of_before, Unset):
        json_as_of_before = as_of_before.isoformat()
    params["as_of_before"] = json_as_of_before

    json_created_since: str | Unset = UNSET
    if not isinstance(created_since, Unset):
        json_created_since = created_since.isoformat()
    params["created_since"] = json_created_since

    json_entity: list[str] | Unset = UNSET
    if not isinstance(entity, Unset):
        json_entity = entity

    params["entity"] = json_entity

    params["has_discrepancy"] = has_discrepancy

    params["has_en"] = has_en

    params["has_ko"] = has_ko

    json_id: list[str] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = []
        for id_item_data in id:
            id_item = str(id_item_data)
            json_id.append(id_item)

    params["id"] = json_id

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params["needs_review"] = needs_review

    json_ordering: str | Unset = UNSET
    if not isinstance(ordering, Unset):
        json_ordering = ordering.value

    params["ordering"] = json_ordering

    json_publisher: list[str] | Unset = UNSET
    if not isinstance(publisher, Unset):
        json_publisher = publisher

    params["publisher"] = json_publisher

    params["q"] = q

    params["quantity_max"] = quantity_max

    params["quantity_min"] = quantity_min

    json_review_before: str | Unset = UNSET
    if not isinstance(review_before, Unset):
        json_review_before = review_before.isoformat()
    params["review_before"] = json_review_before

    params["source"] = source

    json_source_language: str | Unset = UNSET
    if not isinstance(source_language, Unset):
        json_source_language = source_language.value

    params["source_language"] = json_source_language

    params["source_url"] = source_url

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    json_topic: list[str] | Unset = UNSET
    if not isinstance(topic, Unset):
        json_topic = topic

    params["topic"] = json_topic

    json_unit: list[str] | Unset = UNSET
    if not isinstance(unit, Unset):
        json_unit = []
        for unit_item_data in unit:
            unit_item = unit_item_data.value
            json_unit.append(unit_item)

    params["unit"] = json_unit

    json_updated_since: str | Unset = UNSET
    if not isinstance(updated_since, Unset):
        json_updated_since = updated_since.isoformat()
    params["updated_since"] = json_updated_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/facts/csv/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    as_of_after: datetime.date | Unset = UNSET,
    as_of_before: datetime.date | Unset = UNSET,
    created_since: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    has_discrepancy: bool | Unset = UNSET,
    has_en: bool | Unset = UNSET,
    has_ko: bool | Unset = UNSET,
    id: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    needs_review: bool | Unset = UNSET,
    ordering: FactsCsvOrdering | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    quantity_max: float | Unset = UNSET,
    quantity_min: float | Unset = UNSET,
    review_before: datetime.date | Unset = UNSET,
    source: int | Unset = UNSET,
    source_language: FactsCsvSourceLanguage | Unset = UNSET,
    source_url: str | Unset = UNSET,
    status: list[FactsCsvStatusItem] | Unset = UNSET,
    topic: list[str] | Unset = UNSET,
    unit: list[FactsCsvUnit] | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Problem | str]:
    """Export facts as CSV

     The facts the same filters select (all of them, not one page), as CSV for spreadsheets: UTF-8 with a
    byte-order mark so Excel shows Korean, and cells that a spreadsheet would run as a formula (starting
    with =, +, -, @) prefixed with a quote.

    Args:
        as_of_after (datetime.date | Unset):
        as_of_before (datetime.date | Unset):
        created_since (datetime.datetime | Unset):
        entity (list[str] | Unset):
        has_discrepancy (bool | Unset):
        has_en (bool | Unset):
        has_ko (bool | Unset):
        id (list[UUID] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        needs_review (bool | Unset):
        ordering (FactsCsvOrdering | Unset):
        publisher (list[str] | Unset):
        q (str | Unset):
        quantity_max (float | Unset):
        quantity_min (float | Unset):
        review_before (datetime.date | Unset):
        source (int | Unset):
        source_language (FactsCsvSourceLanguage | Unset):
        source_url (str | Unset):
        status (list[FactsCsvStatusItem] | Unset):
        topic (list[str] | Unset):
        unit (list[FactsCsvUnit] | Unset):
        updated_since (datetime.datetime | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        as_of_after=as_of_after,
        as_of_before=as_of_before,
        created_since=created_since,
        entity=entity,
        has_discrepancy=has_discrepancy,
        has_en=has_en,
        has_ko=has_ko,
        id=id,
        lang=lang,
        needs_review=needs_review,
        ordering=ordering,
        publisher=publisher,
        q=q,
        quantity_max=quantity_max,
        quantity_min=quantity_min,
        review_before=review_before,
        source=source,
        source_language=source_language,
        source_url=source_url,
        status=status,
        topic=topic,
        unit=unit,
        updated_since=updated_since,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    as_of_after: datetime.date | Unset = UNSET,
    as_of_before: datetime.date | Unset = UNSET,
    created_since: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    has_discrepancy: bool | Unset = UNSET,
    has_en: bool | Unset = UNSET,
    has_ko: bool | Unset = UNSET,
    id: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    needs_review: bool | Unset = UNSET,
    ordering: FactsCsvOrdering | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    quantity_max: float | Unset = UNSET,
    quantity_min: float | Unset = UNSET,
    review_before: datetime.date | Unset = UNSET,
    source: int | Unset = UNSET,
    source_language: FactsCsvSourceLanguage | Unset = UNSET,
    source_url: str | Unset = UNSET,
    status: list[FactsCsvStatusItem] | Unset = UNSET,
    topic: list[str] | Unset = UNSET,
    unit: list[FactsCsvUnit] | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Problem | str | None:
    """Export facts as CSV

     The facts the same filters select (all of them, not one page), as CSV for spreadsheets: UTF-8 with a
    byte-order mark so Excel shows Korean, and cells that a spreadsheet would run as a formula (starting
    with =, +, -, @) prefixed with a quote.

    Args:
        as_of_after (datetime.date | Unset):
        as_of_before (datetime.date | Unset):
        created_since (datetime.datetime | Unset):
        entity (list[str] | Unset):
        has_discrepancy (bool | Unset):
        has_en (bool | Unset):
        has_ko (bool | Unset):
        id (list[UUID] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        needs_review (bool | Unset):
        ordering (FactsCsvOrdering | Unset):
        publisher (list[str] | Unset):
        q (str | Unset):
        quantity_max (float | Unset):
        quantity_min (float | Unset):
        review_before (datetime.date | Unset):
        source (int | Unset):
        source_language (FactsCsvSourceLanguage | Unset):
        source_url (str | Unset):
        status (list[FactsCsvStatusItem] | Unset):
        topic (list[str] | Unset):
        unit (list[FactsCsvUnit] | Unset):
        updated_since (datetime.datetime | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        client=client,
        as_of_after=as_of_after,
        as_of_before=as_of_before,
        created_since=created_since,
        entity=entity,
        has_discrepancy=has_discrepancy,
        has_en=has_en,
        has_ko=has_ko,
        id=id,
        lang=lang,
        needs_review=needs_review,
        ordering=ordering,
        publisher=publisher,
        q=q,
        quantity_max=quantity_max,
        quantity_min=quantity_min,
        review_before=review_before,
        source=source,
        source_language=source_language,
        source_url=source_url,
        status=status,
        topic=topic,
        unit=unit,
        updated_since=updated_since,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    as_of_after: datetime.date | Unset = UNSET,
    as_of_before: datetime.date | Unset = UNSET,
    created_since: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    has_discrepancy: bool | Unset = UNSET,
    has_en: bool | Unset = UNSET,
    has_ko: bool | Unset = UNSET,
    id: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    needs_review: bool | Unset = UNSET,
    ordering: FactsCsvOrdering | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    quantity_max: float | Unset = UNSET,
    quantity_min: float | Unset = UNSET,
    review_before: datetime.date | Unset = UNSET,
    source: int | Unset = UNSET,
    source_language: FactsCsvSourceLanguage | Unset = UNSET,
    source_url: str | Unset = UNSET,
    status: list[FactsCsvStatusItem] | Unset = UNSET,
    topic: list[str] | Unset = UNSET,
    unit: list[FactsCsvUnit] | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Problem | str]:
    """Export facts as CSV

     The facts the same filters select (all of them, not one page), as CSV for spreadsheets: UTF-8 with a
    byte-order mark so Excel shows Korean, and cells that a spreadsheet would run as a formula (starting
    with =, +, -, @) prefixed with a quote.

    Args:
        as_of_after (datetime.date | Unset):
        as_of_before (datetime.date | Unset):
        created_since (datetime.datetime | Unset):
        entity (list[str] | Unset):
        has_discrepancy (bool | Unset):
        has_en (bool | Unset):
        has_ko (bool | Unset):
        id (list[UUID] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        needs_review (bool | Unset):
        ordering (FactsCsvOrdering | Unset):
        publisher (list[str] | Unset):
        q (str | Unset):
        quantity_max (float | Unset):
        quantity_min (float | Unset):
        review_before (datetime.date | Unset):
        source (int | Unset):
        source_language (FactsCsvSourceLanguage | Unset):
        source_url (str | Unset):
        status (list[FactsCsvStatusItem] | Unset):
        topic (list[str] | Unset):
        unit (list[FactsCsvUnit] | Unset):
        updated_since (datetime.datetime | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        as_of_after=as_of_after,
        as_of_before=as_of_before,
        created_since=created_since,
        entity=entity,
        has_discrepancy=has_discrepancy,
        has_en=has_en,
        has_ko=has_ko,
        id=id,
        lang=lang,
        needs_review=needs_review,
        ordering=ordering,
        publisher=publisher,
        q=q,
        quantity_max=quantity_max,
        quantity_min=quantity_min,
        review_before=review_before,
        source=source,
        source_language=source_language,
        source_url=source_url,
        status=status,
        topic=topic,
        unit=unit,
        updated_since=updated_since,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    as_of_after: datetime.date | Unset = UNSET,
    as_of_before: datetime.date | Unset = UNSET,
    created_since: datetime.datetime | Unset = UNSET,
    entity: list[str] | Unset = UNSET,
    has_discrepancy: bool | Unset = UNSET,
    has_en: bool | Unset = UNSET,
    has_ko: bool | Unset = UNSET,
    id: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    needs_review: bool | Unset = UNSET,
    ordering: FactsCsvOrdering | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    quantity_max: float | Unset = UNSET,
    quantity_min: float | Unset = UNSET,
    review_before: datetime.date | Unset = UNSET,
    source: int | Unset = UNSET,
    source_language: FactsCsvSourceLanguage | Unset = UNSET,
    source_url: str | Unset = UNSET,
    status: list[FactsCsvStatusItem] | Unset = UNSET,
    topic: list[str] | Unset = UNSET,
    unit: list[FactsCsvUnit] | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Problem | str | None:
    """Export facts as CSV

     The facts the same filters select (all of them, not one page), as CSV for spreadsheets: UTF-8 with a
    byte-order mark so Excel shows Korean, and cells that a spreadsheet would run as a formula (starting
    with =, +, -, @) prefixed with a quote.

    Args:
        as_of_after (datetime.date | Unset):
        as_of_before (datetime.date | Unset):
        created_since (datetime.datetime | Unset):
        entity (list[str] | Unset):
        has_discrepancy (bool | Unset):
        has_en (bool | Unset):
        has_ko (bool | Unset):
        id (list[UUID] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        needs_review (bool | Unset):
        ordering (FactsCsvOrdering | Unset):
        publisher (list[str] | Unset):
        q (str | Unset):
        quantity_max (float | Unset):
        quantity_min (float | Unset):
        review_before (datetime.date | Unset):
        source (int | Unset):
        source_language (FactsCsvSourceLanguage | Unset):
        source_url (str | Unset):
        status (list[FactsCsvStatusItem] | Unset):
        topic (list[str] | Unset):
        unit (list[FactsCsvUnit] | Unset):
        updated_since (datetime.datetime | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            client=client,
            as_of_after=as_of_after,
            as_of_before=as_of_before,
            created_since=created_since,
            entity=entity,
            has_discrepancy=has_discrepancy,
            has_en=has_en,
            has_ko=has_ko,
            id=id,
            lang=lang,
            needs_review=needs_review,
            ordering=ordering,
            publisher=publisher,
            q=q,
            quantity_max=quantity_max,
            quantity_min=quantity_min,
            review_before=review_before,
            source=source,
            source_language=source_language,
            source_url=source_url,
            status=status,
            topic=topic,
            unit=unit,
            updated_since=updated_since,
            accept_language=accept_language,
        )
    ).parsed
