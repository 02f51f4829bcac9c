from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.discrepancy import Discrepancy
from ...models.language_enum import LanguageEnum
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    slug: str,
    *,
    lang: LanguageEnum | Unset = UNSET,
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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/discrepancies/{slug}/".format(
            slug=quote(str(slug), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Discrepancy | Problem | None:
    if response.status_code == 200:
        response_200 = Discrepancy.from_dict(response.json())

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
) -> Response[Discrepancy | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Discrepancy | Problem]:
    """Get one discrepancy

     Where two editions of one work (the Korean original and its English translation) disagree about a
    fact: what each says in its own words, the aspect (number, date, place, wording, present in one
    edition only) and the editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.

    Args:
        slug (str):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Discrepancy | Problem]
    """

    kwargs = _get_kwargs(
        slug=slug,
        lang=lang,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    slug: str,
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Discrepancy | Problem | None:
    """Get one discrepancy

     Where two editions of one work (the Korean original and its English translation) disagree about a
    fact: what each says in its own words, the aspect (number, date, place, wording, present in one
    edition only) and the editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.

    Args:
        slug (str):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Discrepancy | Problem
    """

    return sync_detailed(
        slug=slug,
        client=client,
        lang=lang,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    slug: str,
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Response[Discrepancy | Problem]:
    """Get one discrepancy

     Where two editions of one work (the Korean original and its English translation) disagree about a
    fact: what each says in its own words, the aspect (number, date, place, wording, present in one
    edition only) and the editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.

    Args:
        slug (str):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Discrepancy | Problem]
    """

    kwargs = _get_kwargs(
        slug=slug,
        lang=lang,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    slug: str,
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
) -> Discrepancy | Problem | None:
    """Get one discrepancy

     Where two editions of one work (the Korean original and its English translation) disagree about a
    fact: what each says in its own words, the aspect (number, date, place, wording, present in one
    edition only) and the editor's note. Filter by `publisher`, `source`, `aspect`, `fact`.

    Args:
        slug (str):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Discrepancy | Problem
    """

    return (
        await asyncio_detailed(
            slug=slug,
            client=client,
            lang=lang,
            accept_language=accept_language,
        )
    ).parsed
