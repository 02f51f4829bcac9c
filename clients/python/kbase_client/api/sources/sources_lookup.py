from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.language_enum import LanguageEnum
from ...models.problem import Problem
from ...models.source_lookup import SourceLookup
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    lang: LanguageEnum | Unset = UNSET,
    url_query: str,
    accept_language: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    params: dict[str, Any] = {}

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params["url"] = url_query

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/sources/lookup/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SourceLookup | None:
    if response.status_code == 200:
        response_200 = SourceLookup.from_dict(response.json())

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
) -> Response[Problem | SourceLookup]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    url_query: str,
    accept_language: str | Unset = UNSET,
) -> Response[Problem | SourceLookup]:
    """Find a source by any variant of its URL

     Paste a link as it was sent: http or https, www or m hosts, tracking parameters, a trailing slash,
    Naver's oid/aid forms all find the same source. Answers the source, its other editions and the facts
    citing it (at most 200; page through `/sources/{id}/facts/` for more). An unknown URL answers 404;
    text that is not a URL answers 400.

    Args:
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        url_query (str):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceLookup]
    """

    kwargs = _get_kwargs(
        lang=lang,
        url_query=url_query,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    url_query: str,
    accept_language: str | Unset = UNSET,
) -> Problem | SourceLookup | None:
    """Find a source by any variant of its URL

     Paste a link as it was sent: http or https, www or m hosts, tracking parameters, a trailing slash,
    Naver's oid/aid forms all find the same source. Answers the source, its other editions and the facts
    citing it (at most 200; page through `/sources/{id}/facts/` for more). An unknown URL answers 404;
    text that is not a URL answers 400.

    Args:
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        url_query (str):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceLookup
    """

    return sync_detailed(
        client=client,
        lang=lang,
        url_query=url_query,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    url_query: str,
    accept_language: str | Unset = UNSET,
) -> Response[Problem | SourceLookup]:
    """Find a source by any variant of its URL

     Paste a link as it was sent: http or https, www or m hosts, tracking parameters, a trailing slash,
    Naver's oid/aid forms all find the same source. Answers the source, its other editions and the facts
    citing it (at most 200; page through `/sources/{id}/facts/` for more). An unknown URL answers 404;
    text that is not a URL answers 400.

    Args:
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        url_query (str):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SourceLookup]
    """

    kwargs = _get_kwargs(
        lang=lang,
        url_query=url_query,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    url_query: str,
    accept_language: str | Unset = UNSET,
) -> Problem | SourceLookup | None:
    """Find a source by any variant of its URL

     Paste a link as it was sent: http or https, www or m hosts, tracking parameters, a trailing slash,
    Naver's oid/aid forms all find the same source. Answers the source, its other editions and the facts
    citing it (at most 200; page through `/sources/{id}/facts/` for more). An unknown URL answers 404;
    text that is not a URL answers 400.

    Args:
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        url_query (str):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SourceLookup
    """

    return (
        await asyncio_detailed(
            client=client,
            lang=lang,
            url_query=url_query,
            accept_language=accept_language,
        )
    ).parsed
