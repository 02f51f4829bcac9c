import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.language_enum import LanguageEnum
from ...models.paginated_source_list import PaginatedSourceList
from ...models.problem import Problem
from ...models.sources_list_kind_item import SourcesListKindItem
from ...models.sources_list_language import SourcesListLanguage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    kind: list[SourcesListKindItem] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    language: SourcesListLanguage | Unset = UNSET,
    page_size: int | Unset = 50,
    published_after: datetime.date | Unset = UNSET,
    published_before: datetime.date | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    work: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    json_kind: list[str] | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = []
        for kind_item_data in kind:
            kind_item = kind_item_data.value
            json_kind.append(kind_item)

    params["kind"] = json_kind

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    json_language: str | Unset = UNSET
    if not isinstance(language, Unset):
        json_language = language.value

    params["language"] = json_language

    params["page_size"] = page_size

    json_published_after: str | Unset = UNSET
    if not isinstance(published_after, Unset):
        json_published_after = published_after.isoformat()
    params["published_after"] = json_published_after

    json_published_before: str | Unset = UNSET
    if not isinstance(published_before, Unset):
        json_published_before = published_before.isoformat()
    params["published_before"] = json_published_before

    json_publisher: list[str] | Unset = UNSET
    if not isinstance(publisher, Unset):
        json_publisher = publisher

    params["publisher"] = json_publisher

    params["q"] = q

    json_updated_since: str | Unset = UNSET
    if not isinstance(updated_since, Unset):
        json_updated_since = updated_since.isoformat()
    params["updated_since"] = json_updated_since

    params["work"] = work

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/sources/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedSourceList | Problem | None:
    if response.status_code == 200:
        response_200 = PaginatedSourceList.from_dict(response.json())

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
) -> Response[PaginatedSourceList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    kind: list[SourcesListKindItem] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    language: SourcesListLanguage | Unset = UNSET,
    page_size: int | Unset = 50,
    published_after: datetime.date | Unset = UNSET,
    published_before: datetime.date | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    work: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[PaginatedSourceList | Problem]:
    """List sources

     Source editions, newest first. Two editions of one work (a Korean original and its English
    translation) share `work`.

    Args:
        cursor (str | Unset):
        kind (list[SourcesListKindItem] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        language (SourcesListLanguage | Unset):
        page_size (int | Unset):  Default: 50.
        published_after (datetime.date | Unset):
        published_before (datetime.date | Unset):
        publisher (list[str] | Unset):
        q (str | Unset):
        updated_since (datetime.datetime | Unset):
        work (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedSourceList | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        kind=kind,
        lang=lang,
        language=language,
        page_size=page_size,
        published_after=published_after,
        published_before=published_before,
        publisher=publisher,
        q=q,
        updated_since=updated_since,
        work=work,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    kind: list[SourcesListKindItem] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    language: SourcesListLanguage | Unset = UNSET,
    page_size: int | Unset = 50,
    published_after: datetime.date | Unset = UNSET,
    published_before: datetime.date | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    work: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> PaginatedSourceList | Problem | None:
    """List sources

     Source editions, newest first. Two editions of one work (a Korean original and its English
    translation) share `work`.

    Args:
        cursor (str | Unset):
        kind (list[SourcesListKindItem] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        language (SourcesListLanguage | Unset):
        page_size (int | Unset):  Default: 50.
        published_after (datetime.date | Unset):
        published_before (datetime.date | Unset):
        publisher (list[str] | Unset):
        q (str | Unset):
        updated_since (datetime.datetime | Unset):
        work (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedSourceList | Problem
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        kind=kind,
        lang=lang,
        language=language,
        page_size=page_size,
        published_after=published_after,
        published_before=published_before,
        publisher=publisher,
        q=q,
        updated_since=updated_since,
        work=work,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    kind: list[SourcesListKindItem] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    language: SourcesListLanguage | Unset = UNSET,
    page_size: int | Unset = 50,
    published_after: datetime.date | Unset = UNSET,
    published_before: datetime.date | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    work: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[PaginatedSourceList | Problem]:
    """List sources

     Source editions, newest first. Two editions of one work (a Korean original and its English
    translation) share `work`.

    Args:
        cursor (str | Unset):
        kind (list[SourcesListKindItem] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        language (SourcesListLanguage | Unset):
        page_size (int | Unset):  Default: 50.
        published_after (datetime.date | Unset):
        published_before (datetime.date | Unset):
        publisher (list[str] | Unset):
        q (str | Unset):
        updated_since (datetime.datetime | Unset):
        work (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedSourceList | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        kind=kind,
        lang=lang,
        language=language,
        page_size=page_size,
        published_after=published_after,
        published_before=published_before,
        publisher=publisher,
        q=q,
        updated_since=updated_since,
        work=work,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    kind: list[SourcesListKindItem] | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    language: SourcesListLanguage | Unset = UNSET,
    page_size: int | Unset = 50,
    published_after: datetime.date | Unset = UNSET,
    published_before: datetime.date | Unset = UNSET,
    publisher: list[str] | Unset = UNSET,
    q: str | Unset = UNSET,
    updated_since: datetime.datetime | Unset = UNSET,
    work: str | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> PaginatedSourceList | Problem | None:
    """List sources

     Source editions, newest first. Two editions of one work (a Korean original and its English
    translation) share `work`.

    Args:
        cursor (str | Unset):
        kind (list[SourcesListKindItem] | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        language (SourcesListLanguage | Unset):
        page_size (int | Unset):  Default: 50.
        published_after (datetime.date | Unset):
        published_before (datetime.date | Unset):
        publisher (list[str] | Unset):
        q (str | Unset):
        updated_since (datetime.datetime | Unset):
        work (str | Unset):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedSourceList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            kind=kind,
            lang=lang,
            language=language,
            page_size=page_size,
            published_after=published_after,
            published_before=published_before,
            publisher=publisher,
            q=q,
            updated_since=updated_since,
            work=work,
            accept_language=accept_language,
        )
    ).parsed
