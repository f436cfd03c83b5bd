"""The client address: X-Forwarded-For counts only when the peer is a trusted proxy."""

from ipaddress import ip_network
from types import SimpleNamespace

from litestar import Request

from entrypoints.clients import TRUSTED_PROXIES, client_address


def request(peer: str, forwarded: list[str], trusted: list[str]) -> Request:
    app = SimpleNamespace(state={TRUSTED_PROXIES: [ip_network(t) for t in trusted]})
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    scope = {
        "type": "http",
        "client": (peer, 5000),
        "headers": headers,
        "litestar_app": app,
        "app": app,
        "method": "GET",
    }
    return Request(scope)  # type: ignore[arg-type]


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert client_address(request("203.0.113.9", ["10.1.1.1"], [])) == "203.0.113.9"


def test_an_untrusted_peer_cannot_name_another_address() -> None:
    assert client_address(request("203.0.113.9", ["10.1.1.1"], ["10.0.0.0/8"])) == "203.0.113.9"


def test_behind_trusted_proxies_the_first_untrusted_hop_from_the_right_is_the_client() -> None:
    # The client forged "1.2.3.4"; our proxies appended the address they saw (198.51.100.7), then each other.
    chain = ["1.2.3.4, 198.51.100.7", "10.0.0.2"]
    assert client_address(request("10.0.0.1", chain, ["10.0.0.0/8"])) == "198.51.100.7"


def test_garbage_in_the_header_falls_back_to_the_peer() -> None:
    assert client_address(request("10.0.0.1", ["not-an-address"], ["10.0.0.0/8"])) == "10.0.0.1"
