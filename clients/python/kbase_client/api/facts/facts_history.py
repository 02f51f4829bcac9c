from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change import Change
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/facts/{id}/history/".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | list[Change] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Change.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[Change]]:
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
) -> Response[Problem | list[Change]]:
    """A fact's history

     Every recorded change to the fact, its citations and discrepancies, oldest first: the fields changed
    (old and new values), who, when and why. Each change names objects as the API does (a fact by its
    public id, a citation and a source by their id, a discrepancy by its slug) and shows only public
    fields (a source's archived text only as `has_archived_text`). Clients who may not see unpublished
    facts see a fact's changes from its publication on, the publication itself as the whole published
    fact (every field, `old` null; its citations and discrepancies as published are those of the fact's
    representation), its citations' and discrepancies' changes made after it, nothing of a fact that is
    not public, and no `who`.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[Change]]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | list[Change] | None:
    """A fact's history

     Every recorded change to the fact, its citations and discrepancies, oldest first: the fields changed
    (old and new values), who, when and why. Each change names objects as the API does (a fact by its
    public id, a citation and a source by their id, a discrepancy by its slug) and shows only public
    fields (a source's archived text only as `has_archived_text`). Clients who may not see unpublished
    facts see a fact's changes from its publication on, the publication itself as the whole published
    fact (every field, `old` null; its citations and discrepancies as published are those of the fact's
    representation), its citations' and discrepancies' changes made after it, nothing of a fact that is
    not public, and no `who`.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[Change]
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[Change]]:
    """A fact's history

     Every recorded change to the fact, its citations and discrepancies, oldest first: the fields changed
    (old and new values), who, when and why. Each change names objects as the API does (a fact by its
    public id, a citation and a source by their id, a discrepancy by its slug) and shows only public
    fields (a source's archived text only as `has_archived_text`). Clients who may not see unpublished
    facts see a fact's changes from its publication on, the publication itself as the whole published
    fact (every field, `old` null; its citations and discrepancies as published are those of the fact's
    representation), its citations' and discrepancies' changes made after it, nothing of a fact that is
    not public, and no `who`.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[Change]]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | list[Change] | None:
    """A fact's history

     Every recorded change to the fact, its citations and discrepancies, oldest first: the fields changed
    (old and new values), who, when and why. Each change names objects as the API does (a fact by its
    public id, a citation and a source by their id, a discrepancy by its slug) and shows only public
    fields (a source's archived text only as `has_archived_text`). Clients who may not see unpublished
    facts see a fact's changes from its publication on, the publication itself as the whole published
    fact (every field, `old` null; its citations and discrepancies as published are those of the fact's
    representation), its citations' and discrepancies' changes made after it, nothing of a fact that is
    not public, and no `who`.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[Change]
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
