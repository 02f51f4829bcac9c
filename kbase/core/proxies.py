"""Which address a request came from, given the proxies kbase is told to trust.

KBASE_TRUSTED_PROXIES (read once, by the settings) says who stands between the
clients and kbase:

* nothing, or `0` (the default): nobody. The client is the connection's peer
  (REMOTE_ADDR); X-Forwarded-For is ignored, whatever it says.
* a count, `N`: every connection comes from a proxy, through N proxies in all.
  The peer is the last of them; each of the N - 1 others appended one address
  to X-Forwarded-For, and the last proxy appended the client's.
* a comma-separated list of addresses or networks (`10.0.0.0/8,192.0.2.7`): the
  proxies are the hops within them. Reading X-Forwarded-For from the right, every
  hop inside a trusted network passed the request on; the first hop outside
  them is the client.

Anything left of the client in X-Forwarded-For was written by the client and is
never read. The throttles and django-axes' lockouts take the address from
`client_address`; gunicorn believes X-Forwarded-Proto (and so tells Django the
request came over HTTPS) from the same proxies alone (gunicorn.conf.py,
`forwarded_allow_ips_for`). This module reads no settings when imported: the
settings and gunicorn.conf.py import it.
"""

from __future__ import annotations

import functools
import ipaddress
from typing import TypeAlias

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network: TypeAlias = ipaddress.IPv4Network | ipaddress.IPv6Network
# A number of proxies, or the proxies' networks.
TrustedProxies: TypeAlias = int | tuple[Network, ...]


def trusted_proxies(value: str) -> TrustedProxies:
    """Parse KBASE_TRUSTED_PROXIES; a value that is neither refuses to start."""
    value = value.strip()
    if not value:
        return 0
    if value.isdigit():
        return int(value)
    try:
        return tuple(ipaddress.ip_network(part.strip(), strict=False)
                     for part in value.split(",") if part.strip())
    except ValueError as error:
        raise ImproperlyConfigured(
            f"KBASE_TRUSTED_PROXIES must be a number of proxies or a comma-separated list "
            f"of addresses and networks (CIDR): {error}") from None


def forwarded_allow_ips_for(trusted: TrustedProxies) -> str:
    """gunicorn's forwarded_allow_ips for the same trust: the peers whose
    X-Forwarded-Proto it believes. With a count every peer is a proxy."""
    if isinstance(trusted, int):
        return "*" if trusted else ""
    return ",".join(str(network) for network in trusted)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address, depth: int, trusted: TrustedProxies) -> bool:
    if isinstance(trusted, int):
        return depth < trusted
    return any(address in network for network in trusted)


def client_address(request) -> str:
    """The client's address: the peer's, or, through trusted proxies, the nearest
    address in X-Forwarded-For that no trusted proxy wrote. (A Django or DRF
    request; django-axes calls it too, AXES_CLIENT_IP_CALLABLE.)"""
    peer = request.META.get("REMOTE_ADDR", "")
    trusted = settings.KBASE_TRUSTED_PROXIES
    if not trusted:
        return peer
    return _client_through(peer, request.META.get("HTTP_X_FORWARDED_FOR", ""), trusted)


# Reading the addresses (with ipaddress, in Python) cost every throttled request
# about as much as counting it; a worker sees the same proxies and clients again and
# again. The trusted proxies are part of the key (tests change them).
@functools.lru_cache(maxsize=1024)
def _client_through(peer: str, forwarded: str, trusted: TrustedProxies) -> str:
    hops = [peer, *reversed(forwarded.split(","))] if forwarded else [peer]
    client = peer
    for depth, hop in enumerate(hops):
        address = _address(hop)
        if address is None:  # not an address: the hop to its right is the last known
            break
        client = str(address)
        if not _is_trusted(address, depth, trusted):
            break
    return client
