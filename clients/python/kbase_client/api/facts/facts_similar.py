from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.language_enum import LanguageEnum
from ...models.match_page import MatchPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    lang: LanguageEnum | Unset = UNSET,
    limit: int | Unset = 5,
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

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/facts/{id}/similar/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> MatchPage | Problem | None:
    if response.status_code == 200:
        response_200 = MatchPage.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[MatchPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    limit: int | Unset = 5,
    accept_language: str | Unset = UNSET,
) -> Response[MatchPage | Problem]:
    """Facts similar to a fact

     The other facts closest to this one, its Korean and English texts matched as claims (each candidate
    by the closer of the two): a fact recorded twice, or a fact restated with other numbers. Each
    candidate has `similarity`, the cosine similarity of this fact and the candidate's closer text
    (multilingual sentence embeddings: Korean finds English and the reverse), and `score`, that
    similarity moved by numbers and codes (E-7-S, COVID-19): raised when the candidate holds every
    number and code of this fact, lowered when it does not. `numbers_differ` is true when this fact has
    a number the candidate does not hold: the same statement with another number. `verdict` is
    `likely_same` (score 0.88 or more) or `related` (0.8 or more); candidates scoring less are left out,
    so the list may be empty. Bands and weights come from kbase's evaluation (docs/matching.md). Best
    first; each fact in its whole representation, in the negotiated language. Anonymous clients match
    published facts, editors every status (as lists show them). Matching has its own rate limit (the
    `match` policy) besides the API's.

    Args:
        id (str):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        limit (int | Unset):  Default: 5.
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MatchPage | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        lang=lang,
        limit=limit,
        accept_language=accept_language,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    limit: int | Unset = 5,
    accept_language: str | Unset = UNSET,
) -> MatchPage | Problem | None:
    """Facts similar to a fact

     The other facts closest to this one, its Korean and English texts matched as claims (each candidate
    by the closer of the two): a fact recorded twice, or a fact restated with other numbers. Each
    candidate has `similarity`, the cosine similarity of this fact and the candidate's closer text
    (multilingual sentence embeddings: Korean finds English and the reverse), and `score`, that
    similarity moved by numbers and codes (E-7-S, COVID-19): raised when the candidate holds every
    number and code of this fact, lowered when it does not. `numbers_differ` is true when this fact has
    a number the candidate does not hold: the same statement with another number. `verdict` is
    `likely_same` (score 0.88 or more) or `related` (0.8 or more); candidates scoring less are left out,
    so the list may be empty. Bands and weights come from kbase's evaluation (docs/matching.md). Best
    first; each fact in its whole representation, in the negotiated language. Anonymous clients match
    published facts, editors every status (as lists show them). Matching has its own rate limit (the
    `match` policy) besides the API's.

    Args:
        id (str):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        limit (int | Unset):  Default: 5.
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MatchPage | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        lang=lang,
        limit=limit,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    limit: int | Unset = 5,
    accept_language: str | Unset = UNSET,
) -> Response[MatchPage | Problem]:
    """Facts similar to a fact

     The other facts closest to this one, its Korean and English texts matched as claims (each candidate
    by the closer of the two): a fact recorded twice, or a fact restated with other numbers. Each
    candidate has `similarity`, the cosine similarity of this fact and the candidate's closer text
    (multilingual sentence embeddings: Korean finds English and the reverse), and `score`, that
    similarity moved by numbers and codes (E-7-S, COVID-19): raised when the candidate holds every
    number and code of this fact, lowered when it does not. `numbers_differ` is true when this fact has
    a number the candidate does not hold: the same statement with another number. `verdict` is
    `likely_same` (score 0.88 or more) or `related` (0.8 or more); candidates scoring less are left out,
    so the list may be empty. Bands and weights come from kbase's evaluation (docs/matching.md). Best
    first; each fact in its whole representation, in the negotiated language. Anonymous clients match
    published facts, editors every status (as lists show them). Matching has its own rate limit (the
    `match` policy) besides the API's.

    Args:
        id (str):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        limit (int | Unset):  Default: 5.
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MatchPage | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        lang=lang,
        limit=limit,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    limit: int | Unset = 5,
    accept_language: str | Unset = UNSET,
) -> MatchPage | Problem | None:
    """Facts similar to a fact

     The other facts closest to this one, its Korean and English texts matched as claims (each candidate
    by the closer of the two): a fact recorded twice, or a fact restated with other numbers. Each
    candidate has `similarity`, the cosine similarity of this fact and the candidate's closer text
    (multilingual sentence embeddings: Korean finds English and the reverse), and `score`, that
    similarity moved by numbers and codes (E-7-S, COVID-19): raised when the candidate holds every
    number and code of this fact, lowered when it does not. `numbers_differ` is true when this fact has
    a number the candidate does not hold: the same statement with another number. `verdict` is
    `likely_same` (score 0.88 or more) or `related` (0.8 or more); candidates scoring less are left out,
    so the list may be empty. Bands and weights come from kbase's evaluation (docs/matching.md). Best
    first; each fact in its whole representation, in the negotiated language. Anonymous clients match
    published facts, editors every status (as lists show them). Matching has its own rate limit (the
    `match` policy) besides the API's.

    Args:
        id (str):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        limit (int | Unset):  Default: 5.
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MatchPage | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            lang=lang,
            limit=limit,
            accept_language=accept_language,
        )
    ).parsed
