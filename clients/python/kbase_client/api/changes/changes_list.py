import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_page import ChangePage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 50,
    since: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["cursor"] = cursor

    params["page_size"] = page_size

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/changes/",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ChangePage | Problem | None:
    if response.status_code == 200:
        response_200 = ChangePage.from_dict(response.json())

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
) -> Response[ChangePage | Problem]:
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
    page_size: int | Unset = 50,
    since: datetime.datetime | Unset = UNSET,
) -> Response[ChangePage | Problem]:
    """Follow what changed

     Every change to facts, citations, discrepancies and sources, oldest first: what (object, fields with
    old and new values), who, when and why. Start with `?since=` (an ISO 8601 time or date) or from the
    beginning, then follow `next`: it carries a cursor, and following it never misses or repeats a
    change, even while others write. Changes appear once every transaction that could precede them has
    ended (`horizon`). When nothing new has happened, `next` is the same request: poll it. The cursor is
    signed and holds no row id: the time of the last change served, its type, and how many changes of
    that type and time were served; a cursor issued to a reader of drafts is refused to other clients,
    and the reverse. A change's `id` is opaque, unique and the same on every read. Each change names
    objects as the API does (a fact by its public id, a citation and a source by their id, a discrepancy
    by its slug) and shows only public fields (a source's archived text only as `has_archived_text`).
    Clients who may not see unpublished facts see a fact's changes from its publication on, the
    publication itself as the whole published fact (every field, `old` null; its citations and
    discrepancies as published are those of the fact's representation), its citations' and
    discrepancies' changes made after it, nothing of a fact that is not public, and no `who`.

    Args:
        cursor (str | Unset):
        page_size (int | Unset):  Default: 50.
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangePage | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        page_size=page_size,
        since=since,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 50,
    since: datetime.datetime | Unset = UNSET,
) -> ChangePage | Problem | None:
    """Follow what changed

     Every change to facts, citations, discrepancies and sources, oldest first: what (object, fields with
    old and new values), who, when and why. Start with `?since=` (an ISO 8601 time or date) or from the
    beginning, then follow `next`: it carries a cursor, and following it never misses or repeats a
    change, even while others write. Changes appear once every transaction that could precede them has
    ended (`horizon`). When nothing new has happened, `next` is the same request: poll it. The cursor is
    signed and holds no row id: the time of the last change served, its type, and how many changes of
    that type and time were served; a cursor issued to a reader of drafts is refused to other clients,
    and the reverse. A change's `id` is opaque, unique and the same on every read. Each change names
    objects as the API does (a fact by its public id, a citation and a source by their id, a discrepancy
    by its slug) and shows only public fields (a source's archived text only as `has_archived_text`).
    Clients who may not see unpublished facts see a fact's changes from its publication on, the
    publication itself as the whole published fact (every field, `old` null; its citations and
    discrepancies as published are those of the fact's representation), its citations' and
    discrepancies' changes made after it, nothing of a fact that is not public, and no `who`.

    Args:
        cursor (str | Unset):
        page_size (int | Unset):  Default: 50.
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangePage | Problem
    """

    return sync_detailed(
        client=client,
        cursor=cursor,
        page_size=page_size,
        since=since,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 50,
    since: datetime.datetime | Unset = UNSET,
) -> Response[ChangePage | Problem]:
    """Follow what changed

     Every change to facts, citations, discrepancies and sources, oldest first: what (object, fields with
    old and new values), who, when and why. Start with `?since=` (an ISO 8601 time or date) or from the
    beginning, then follow `next`: it carries a cursor, and following it never misses or repeats a
    change, even while others write. Changes appear once every transaction that could precede them has
    ended (`horizon`). When nothing new has happened, `next` is the same request: poll it. The cursor is
    signed and holds no row id: the time of the last change served, its type, and how many changes of
    that type and time were served; a cursor issued to a reader of drafts is refused to other clients,
    and the reverse. A change's `id` is opaque, unique and the same on every read. Each change names
    objects as the API does (a fact by its public id, a citation and a source by their id, a discrepancy
    by its slug) and shows only public fields (a source's archived text only as `has_archived_text`).
    Clients who may not see unpublished facts see a fact's changes from its publication on, the
    publication itself as the whole published fact (every field, `old` null; its citations and
    discrepancies as published are those of the fact's representation), its citations' and
    discrepancies' changes made after it, nothing of a fact that is not public, and no `who`.

    Args:
        cursor (str | Unset):
        page_size (int | Unset):  Default: 50.
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChangePage | Problem]
    """

    kwargs = _get_kwargs(
        cursor=cursor,
        page_size=page_size,
        since=since,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    cursor: str | Unset = UNSET,
    page_size: int | Unset = 50,
    since: datetime.datetime | Unset = UNSET,
) -> ChangePage | Problem | None:
    """Follow what changed

     Every change to facts, citations, discrepancies and sources, oldest first: what (object, fields with
    old and new values), who, when and why. Start with `?since=` (an ISO 8601 time or date) or from the
    beginning, then follow `next`: it carries a cursor, and following it never misses or repeats a
    change, even while others write. Changes appear once every transaction that could precede them has
    ended (`horizon`). When nothing new has happened, `next` is the same request: poll it. The cursor is
    signed and holds no row id: the time of the last change served, its type, and how many changes of
    that type and time were served; a cursor issued to a reader of drafts is refused to other clients,
    and the reverse. A change's `id` is opaque, unique and the same on every read. Each change names
    objects as the API does (a fact by its public id, a citation and a source by their id, a discrepancy
    by its slug) and shows only public fields (a source's archived text only as `has_archived_text`).
    Clients who may not see unpublished facts see a fact's changes from its publication on, the
    publication itself as the whole published fact (every field, `old` null; its citations and
    discrepancies as published are those of the fact's representation), its citations' and
    discrepancies' changes made after it, nothing of a fact that is not public, and no `who`.

    Args:
        cursor (str | Unset):
        page_size (int | Unset):  Default: 50.
        since (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChangePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            cursor=cursor,
            page_size=page_size,
            since=since,
        )
    ).parsed
