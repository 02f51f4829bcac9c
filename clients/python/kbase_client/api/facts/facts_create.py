from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.fact import Fact
from ...models.fact_write_request import FactWriteRequest
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: FactWriteRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/facts/",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Fact | Problem | None:
    if response.status_code == 201:
        response_201 = Fact.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Fact | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: FactWriteRequest | Unset = UNSET,
) -> Response[Fact | Problem]:
    """Create a fact

     Creates a draft. Needs a token with the `facts.add_fact` permission. `citations` may be given here;
    afterwards they are edited under `/facts/{id}/citations/`. Read-only keys (id, status, timestamps,
    authorship) are ignored; unknown keys answer 400. Text is stored as NFC; control characters are
    refused.

    Args:
        body (FactWriteRequest | Unset): What a client may write. Read-only keys of the
            representation are ignored;
            unknown keys are refused, so a typo never passes silently.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fact | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: FactWriteRequest | Unset = UNSET,
) -> Fact | Problem | None:
    """Create a fact

     Creates a draft. Needs a token with the `facts.add_fact` permission. `citations` may be given here;
    afterwards they are edited under `/facts/{id}/citations/`. Read-only keys (id, status, timestamps,
    authorship) are ignored; unknown keys answer 400. Text is stored as NFC; control characters are
    refused.

    Args:
        body (FactWriteRequest | Unset): What a client may write. Read-only keys of the
            representation are ignored;
            unknown keys are refused, so a typo never passes silently.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fact | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: FactWriteRequest | Unset = UNSET,
) -> Response[Fact | Problem]:
    """Create a fact

     Creates a draft. Needs a token with the `facts.add_fact` permission. `citations` may be given here;
    afterwards they are edited under `/facts/{id}/citations/`. Read-only keys (id, status, timestamps,
    authorship) are ignored; unknown keys answer 400. Text is stored as NFC; control characters are
    refused.

    Args:
        body (FactWriteRequest | Unset): What a client may write. Read-only keys of the
            representation are ignored;
            unknown keys are refused, so a typo never passes silently.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Fact | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: FactWriteRequest | Unset = UNSET,
) -> Fact | Problem | None:
    """Create a fact

     Creates a draft. Needs a token with the `facts.add_fact` permission. `citations` may be given here;
    afterwards they are edited under `/facts/{id}/citations/`. Read-only keys (id, status, timestamps,
    authorship) are ignored; unknown keys answer 400. Text is stored as NFC; control characters are
    refused.

    Args:
        body (FactWriteRequest | Unset): What a client may write. Read-only keys of the
            representation are ignored;
            unknown keys are refused, so a typo never passes silently.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Fact | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
