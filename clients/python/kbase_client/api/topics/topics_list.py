from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.language_enum import LanguageEnum
from ...models.paginated_topic_list import PaginatedTopicList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/topics/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedTopicList | Problem | None:
    if response.status_code == 200:
        response_200 = PaginatedTopicList.from_dict(response.json())

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
) -> Response[PaginatedTopicList | Problem]:
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
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    accept_language: str | Unset = UNSET,
) -> Response[PaginatedTopicList | Problem]:
    """List topics

     Topics facts are filed under, named in both languages with aliases (used by search, so that 딥시크
    finds DeepSeek).

    Args:
        cursor (str | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page_size (int | Unset):  Default: 50.
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedTopicList | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        lang=lang,
        page_size=page_size,
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
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    accept_language: str | Unset = UNSET,
) -> PaginatedTopicList | Problem | None:
    """List topics

     Topics facts are filed under, named in both languages with aliases (used by search, so that 딥시크
    finds DeepSeek).

    Args:
        cursor (str | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page_size (int | Unset):  Default: 50.
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedTopicList | Problem
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        lang=lang,
        page_size=page_size,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    accept_language: str | Unset = UNSET,
) -> Response[PaginatedTopicList | Problem]:
    """List topics

     Topics facts are filed under, named in both languages with aliases (used by search, so that 딥시크
    finds DeepSeek).

    Args:
        cursor (str | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page_size (int | Unset):  Default: 50.
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedTopicList | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        lang=lang,
        page_size=page_size,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    page_size: int | Unset = 50,
    accept_language: str | Unset = UNSET,
) -> PaginatedTopicList | Problem | None:
    """List topics

     Topics facts are filed under, named in both languages with aliases (used by search, so that 딥시크
    finds DeepSeek).

    Args:
        cursor (str | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page_size (int | Unset):  Default: 50.
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedTopicList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            lang=lang,
            page_size=page_size,
            accept_language=accept_language,
        )
    ).parsed
