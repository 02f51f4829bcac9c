from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.citation import Citation
from ...models.citation_write_request import CitationWriteRequest
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    fact_id: UUID,
    *,
    body: CitationWriteRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/facts/{fact_id}/citations/".format(
            fact_id=quote(str(fact_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Citation | Problem | None:
    if response.status_code == 201:
        response_201 = Citation.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Citation | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    fact_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CitationWriteRequest,
) -> Response[Citation | Problem]:
    """Add a citation

     Needs `facts.add_citation`. The quote is verbatim, in the edition's language.

    Args:
        fact_id (UUID):
        body (CitationWriteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Citation | Problem]
    """

    kwargs = _get_kwargs(
        fact_id=fact_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    fact_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CitationWriteRequest,
) -> Citation | Problem | None:
    """Add a citation

     Needs `facts.add_citation`. The quote is verbatim, in the edition's language.

    Args:
        fact_id (UUID):
        body (CitationWriteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Citation | Problem
    """

    return sync_detailed(
        fact_id=fact_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    fact_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CitationWriteRequest,
) -> Response[Citation | Problem]:
    """Add a citation

     Needs `facts.add_citation`. The quote is verbatim, in the edition's language.

    Args:
        fact_id (UUID):
        body (CitationWriteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Citation | Problem]
    """

    kwargs = _get_kwargs(
        fact_id=fact_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    fact_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CitationWriteRequest,
) -> Citation | Problem | None:
    """Add a citation

     Needs `facts.add_citation`. The quote is verbatim, in the edition's language.

    Args:
        fact_id (UUID):
        body (CitationWriteRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Citation | Problem
    """

    return (
        await asyncio_detailed(
            fact_id=fact_id,
            client=client,
            body=body,
        )
    ).parsed
