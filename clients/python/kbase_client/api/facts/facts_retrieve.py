from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.fact_page import FactPage
from ...models.language_enum import LanguageEnum
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    brief: bool | Unset = UNSET,
    fields: str | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(accept_language, Unset):
        headers["Accept-Language"] = accept_language

    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["brief"] = brief

    params["fields"] = fields

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/facts/{id}/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | FactPage | Problem | None:
    if response.status_code == 200:
        response_200 = FactPage.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | FactPage | Problem]:
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
    brief: bool | Unset = UNSET,
    fields: str | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | FactPage | Problem]:
    """Get one fact

     One fact with its citations (exact quotes and the editions they come from) and the recorded
    discrepancies between editions. The strong `ETag` changes with every write to the fact; send it back
    in `If-None-Match` for a 304, or in `If-Match` on a write so that nobody's change is overwritten.

    Args:
        id (str):
        brief (bool | Unset):
        fields (str | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        accept_language (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | FactPage | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        brief=brief,
        fields=fields,
        lang=lang,
        accept_language=accept_language,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    brief: bool | Unset = UNSET,
    fields: str | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | FactPage | Problem | None:
    """Get one fact

     One fact with its citations (exact quotes and the editions they come from) and the recorded
    discrepancies between editions. The strong `ETag` changes with every write to the fact; send it back
    in `If-None-Match` for a 304, or in `If-Match` on a write so that nobody's change is overwritten.

    Args:
        id (str):
        brief (bool | Unset):
        fields (str | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        accept_language (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | FactPage | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        brief=brief,
        fields=fields,
        lang=lang,
        accept_language=accept_language,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    brief: bool | Unset = UNSET,
    fields: str | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Response[Any | FactPage | Problem]:
    """Get one fact

     One fact with its citations (exact quotes and the editions they come from) and the recorded
    discrepancies between editions. The strong `ETag` changes with every write to the fact; send it back
    in `If-None-Match` for a 304, or in `If-Match` on a write so that nobody's change is overwritten.

    Args:
        id (str):
        brief (bool | Unset):
        fields (str | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        accept_language (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | FactPage | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        brief=brief,
        fields=fields,
        lang=lang,
        accept_language=accept_language,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    brief: bool | Unset = UNSET,
    fields: str | Unset = UNSET,
    lang: LanguageEnum | Unset = UNSET,
    accept_language: str | Unset = UNSET,
    if_none_match: str | Unset = UNSET,
) -> Any | FactPage | Problem | None:
    """Get one fact

     One fact with its citations (exact quotes and the editions they come from) and the recorded
    discrepancies between editions. The strong `ETag` changes with every write to the fact; send it back
    in `If-None-Match` for a 304, or in `If-Match` on a write so that nobody's change is overwritten.

    Args:
        id (str):
        brief (bool | Unset):
        fields (str | Unset):
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        accept_language (str | Unset):
        if_none_match (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | FactPage | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            brief=brief,
            fields=fields,
            lang=lang,
            accept_language=accept_language,
            if_none_match=if_none_match,
        )
    ).parsed
