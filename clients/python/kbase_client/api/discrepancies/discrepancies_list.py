from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.discrepancies_list_aspect_item import DiscrepanciesListAspectItem
from ...models.language_enum import LanguageEnum
from ...models.paginated_discrepancy_list import PaginatedDiscrepancyList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    aspect: list[DiscrepanciesListAspectItem] | Unset = UNSET,
    cursor: str | Unset = UNSET,
    fact: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    publisher: list[str] | Unset = UNSET,
    source: int | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    json_aspect: list[str] | Unset = UNSET
    if not isinstance(aspect, Unset):
        json_aspect = []
        for aspect_item_data in aspect:
            aspect_item = aspect_item_data.value
            json_aspect.append(aspect_item)

    params["aspect"] = json_aspect

    params["cursor"] = cursor

    json_fact: list[str] | Unset = UNSET
    if not isinstance(fact, Unset):
        json_fact = []
        for fact_item_data in fact:
            fact_item = str(fact_item_data)
            json_fact.append(fact_item)

    params["fact"] = json_fact

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params["page_size"] = page_size

    json_publisher: list[str] | Unset = UNSET
    if not isinstance(publisher, Unset):
        json_publisher = publisher

    params["publisher"] = json_publisher

    params["source"] = source

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/discrepancies/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedDiscrepancyList | Problem | None:
    if response.status_code == 200:
        response_200 = PaginatedDiscrepancyList.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedDiscrepancyList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    aspect: list[DiscrepanciesListAspectItem] | Unset = UNSET,
    cursor: str | Unset = UNSET,
    fact: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    publisher: list[str] | Unset = UNSET,
    source: int | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[PaginatedDiscrepancyList | Problem]:
    """List discrepancies

     Where two editions of one work (the Korean original and its English translation) disagree about a
    fact: what each says in its own words, the aspect (number, date, place, wording, present in one
    edition only) and the editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.

    Args:
        aspect (list[DiscrepanciesListAspectItem] | Unset):
        cursor (str | Unset):
        fact (list[UUID] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page_size (int | Unset):  Default: 50.
        publisher (list[str] | Unset):
        source (int | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedDiscrepancyList | Problem]
    """

    kwargs = _get_kwargs(
        aspect=aspect,
        cursor=cursor,
        fact=fact,
        lang=lang,
        page_size=page_size,
        publisher=publisher,
        source=source,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    aspect: list[DiscrepanciesListAspectItem] | Unset = UNSET,
    cursor: str | Unset = UNSET,
    fact: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    publisher: list[str] | Unset = UNSET,
    source: int | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> PaginatedDiscrepancyList | Problem | None:
    """List discrepancies

     Where two editions of one work (the Korean original and its English translation) disagree about a
    fact: what each says in its own words, the aspect (number, date, place, wording, present in one
    edition only) and the editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.

    Args:
        aspect (list[DiscrepanciesListAspectItem] | Unset):
        cursor (str | Unset):
        fact (list[UUID] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page_size (int | Unset):  Default: 50.
        publisher (list[str] | Unset):
        source (int | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedDiscrepancyList | Problem
    """

    return sync_detailed(
        client=client,
        aspect=aspect,
        cursor=cursor,
        fact=fact,
        lang=lang,
        page_size=page_size,
        publisher=publisher,
        source=source,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    aspect: list[DiscrepanciesListAspectItem] | Unset = UNSET,
    cursor: str | Unset = UNSET,
    fact: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    publisher: list[str] | Unset = UNSET,
    source: int | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[PaginatedDiscrepancyList | Problem]:
    """List discrepancies

     Where two editions of one work (the Korean original and its English translation) disagree about a
    fact: what each says in its own words, the aspect (number, date, place, wording, present in one
    edition only) and the editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.

    Args:
        aspect (list[DiscrepanciesListAspectItem] | Unset):
        cursor (str | Unset):
        fact (list[UUID] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page_size (int | Unset):  Default: 50.
        publisher (list[str] | Unset):
        source (int | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedDiscrepancyList | Problem]
    """

    kwargs = _get_kwargs(
        aspect=aspect,
        cursor=cursor,
        fact=fact,
        lang=lang,
        page_size=page_size,
        publisher=publisher,
        source=source,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    aspect: list[DiscrepanciesListAspectItem] | Unset = UNSET,
    cursor: str | Unset = UNSET,
    fact: list[UUID] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    publisher: list[str] | Unset = UNSET,
    source: int | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> PaginatedDiscrepancyList | Problem | None:
    """List discrepancies

     Where two editions of one work (the Korean original and its English translation) disagree about a
    fact: what each says in its own words, the aspect (number, date, place, wording, present in one
    edition only) and the editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.

    Args:
        aspect (list[DiscrepanciesListAspectItem] | Unset):
        cursor (str | Unset):
        fact (list[UUID] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page_size (int | Unset):  Default: 50.
        publisher (list[str] | Unset):
        source (int | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedDiscrepancyList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            aspect=aspect,
            cursor=cursor,
            fact=fact,
            lang=lang,
            page_size=page_size,
            publisher=publisher,
            source=source,
            accept_language=accept_language,
        )
    ).parsed
