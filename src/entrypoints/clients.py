"""The client's address for the web adapters (API and console): the peer's, unless the peer is a trusted
proxy (CONDUIT_TRUSTED_PROXIES).

Then the X-Forwarded-For chain is read from the right, skipping trusted proxies: the first address a
trusted proxy received the request from is the client. Anyone can send the header; only what our
own proxies appended can be believed. Uvicorn's own proxy handling is off (`conduit serve`), so
the peer here is the real TCP peer.
"""

from ipaddress import IPv4Network, IPv6Network, ip_address
from typing import Any

from litestar import Request

TRUSTED_PROXIES = "trusted_proxies"  # app.state: list of networks


def client_address(request: Request[Any, Any, Any]) -> str | None:
    peer = request.client.host if request.client else None
    trusted: list[IPv4Network | IPv6Network] = request.app.state.get(TRUSTED_PROXIES) or []
    if peer is None or not trusted or not _within(peer, trusted):
        return peer
    chain = [part.strip() for part in ",".join(request.headers.getall("x-forwarded-for", [])).split(",")]
    for hop in reversed([part for part in chain if part]):
        if not _within(hop, trusted):
            return hop if _valid(hop) else peer
    return peer


def _within(address: str, networks: list[IPv4Network | IPv6Network]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _valid(address: str) -> bool:
    try:
        ip_address(address)
    except ValueError:
        return False
    return True
