from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.fact import Fact
from ...models.problem import Problem
from ...models.supersede_request import SupersedeRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: SupersedeRequest,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/facts/{id}/supersede/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Fact | Problem | None:
    if response.status_code == 200:
        response_200 = Fact.from_dict(response.json())

        return response_200

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Fact | Problem]:
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
    body: SupersedeRequest,
    if_match: str | Unset = UNSET,
) -> Response[Fact | Problem]:
    """Supersede a fact

     published → superseded by `replacement` (the id of a published fact). Needs `facts.publish_fact`;
    `reason` is required. The replacement must be published: a draft, a fact in review, a retracted or a
    superseded one, or the fact itself, answers 400 naming `replacement` (so no cycle can form).

    Args:
        id (str):
        if_match (str | Unset):
        body (SupersedeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fact | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SupersedeRequest,
    if_match: str | Unset = UNSET,
) -> Fact | Problem | None:
    """Supersede a fact

     published → superseded by `replacement` (the id of a published fact). Needs `facts.publish_fact`;
    `reason` is required. The replacement must be published: a draft, a fact in review, a retracted or a
    superseded one, or the fact itself, answers 400 naming `replacement` (so no cycle can form).

    Args:
        id (str):
        if_match (str | Unset):
        body (SupersedeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fact | Problem
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SupersedeRequest,
    if_match: str | Unset = UNSET,
) -> Response[Fact | Problem]:
    """Supersede a fact

     published → superseded by `replacement` (the id of a published fact). Needs `facts.publish_fact`;
    `reason` is required. The replacement must be published: a draft, a fact in review, a retracted or a
    superseded one, or the fact itself, answers 400 naming `replacement` (so no cycle can form).

    Args:
        id (str):
        if_match (str | Unset):
        body (SupersedeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fact | Problem]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: SupersedeRequest,
    if_match: str | Unset = UNSET,
) -> Fact | Problem | None:
    """Supersede a fact

     published → superseded by `replacement` (the id of a published fact). Needs `facts.publish_fact`;
    `reason` is required. The replacement must be published: a draft, a fact in review, a retracted or a
    superseded one, or the fact itself, answers 400 naming `replacement` (so no cycle can form).

    Args:
        id (str):
        if_match (str | Unset):
        body (SupersedeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fact | Problem
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
