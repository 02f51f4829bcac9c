from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.language_enum import LanguageEnum
from ...models.paginated_search_result_list import PaginatedSearchResultList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    lang: LanguageEnum | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = 20,
    q: str,
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

    params["page"] = page

    params["page_size"] = page_size

    params["q"] = q

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/search/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedSearchResultList | Problem | None:
    if response.status_code == 200:
        response_200 = PaginatedSearchResultList.from_dict(response.json())

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
) -> Response[PaginatedSearchResultList | Problem]:
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
    page: int | Unset = UNSET,
    page_size: int | Unset = 20,
    q: str,
    accept_language: str | Unset = UNSET,
) -> Response[PaginatedSearchResultList | Problem]:
    """Search facts

     Full-text search over facts in Korean and English at once: fact texts, citation quotes, source
    titles, and topic and entity names with their aliases in both languages (so 딥시크 finds a fact written
    only in English about DeepSeek). Korean is analysed morphologically (인재 finds 인재가, 인재를, 인재들);
    English is stemmed (recruit finds recruiting). Web-search syntax: `"a phrase"`, `-exclude`, `OR`.
    Best matches first; `highlight` is the served text, HTML-escaped, with matches in `<mark>`. An empty
    `q` or one over 500 characters answers 400.

    Args:
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page (int | Unset):
        page_size (int | Unset):  Default: 20.
        q (str):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedSearchResultList | Problem]
    """

    kwargs = _get_kwargs(
        lang=lang,
        page=page,
        page_size=page_size,
        q=q,
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
    page: int | Unset = UNSET,
    page_size: int | Unset = 20,
    q: str,
    accept_language: str | Unset = UNSET,
) -> PaginatedSearchResultList | Problem | None:
    """Search facts

     Full-text search over facts in Korean and English at once: fact texts, citation quotes, source
    titles, and topic and entity names with their aliases in both languages (so 딥시크 finds a fact written
    only in English about DeepSeek). Korean is analysed morphologically (인재 finds 인재가, 인재를, 인재들);
    English is stemmed (recruit finds recruiting). Web-search syntax: `"a phrase"`, `-exclude`, `OR`.
    Best matches first; `highlight` is the served text, HTML-escaped, with matches in `<mark>`. An empty
    `q` or one over 500 characters answers 400.

    Args:
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page (int | Unset):
        page_size (int | Unset):  Default: 20.
        q (str):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedSearchResultList | Problem
    """

    return sync_detailed(
        client=client,
        lang=lang,
        page=page,
        page_size=page_size,
        q=q,
        accept_language=accept_language,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = 20,
    q: str,
    accept_language: str | Unset = UNSET,
) -> Response[PaginatedSearchResultList | Problem]:
    """Search facts

     Full-text search over facts in Korean and English at once: fact texts, citation quotes, source
    titles, and topic and entity names with their aliases in both languages (so 딥시크 finds a fact written
    only in English about DeepSeek). Korean is analysed morphologically (인재 finds 인재가, 인재를, 인재들);
    English is stemmed (recruit finds recruiting). Web-search syntax: `"a phrase"`, `-exclude`, `OR`.
    Best matches first; `highlight` is the served text, HTML-escaped, with matches in `<mark>`. An empty
    `q` or one over 500 characters answers 400.

    Args:
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page (int | Unset):
        page_size (int | Unset):  Default: 20.
        q (str):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedSearchResultList | Problem]
    """

    kwargs = _get_kwargs(
        lang=lang,
        page=page,
        page_size=page_size,
        q=q,
        accept_language=accept_language,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    lang: LanguageEnum | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = 20,
    q: str,
    accept_language: str | Unset = UNSET,
) -> PaginatedSearchResultList | Problem | None:
    """Search facts

     Full-text search over facts in Korean and English at once: fact texts, citation quotes, source
    titles, and topic and entity names with their aliases in both languages (so 딥시크 finds a fact written
    only in English about DeepSeek). Korean is analysed morphologically (인재 finds 인재가, 인재를, 인재들);
    English is stemmed (recruit finds recruiting). Web-search syntax: `"a phrase"`, `-exclude`, `OR`.
    Best matches first; `highlight` is the served text, HTML-escaped, with matches in `<mark>`. An empty
    `q` or one over 500 characters answers 400.

    Args:
        lang (LanguageEnum | Unset): * `ko` - Korean
            * `en` - English
        page (int | Unset):
        page_size (int | Unset):  Default: 20.
        q (str):
        accept_language (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedSearchResultList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            lang=lang,
            page=page,
            page_size=page_size,
            q=q,
            accept_language=accept_language,
        )
    ).parsed
