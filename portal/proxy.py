"""Who is asking and over what: the client address and TLS, trusting proxy headers only from
the reverse proxies named in LOTSE_PORTAL_TRUSTED_PROXIES."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from sanic import Request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=16)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The configured proxies as networks; a wrong entry stops the portal at its start rather
    than silently trusting nobody (or everybody)."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"LOTSE_PORTAL_TRUSTED_PROXIES: {entry!r} is neither an IP address "
                             "nor a network") from None
    return tuple(networks)


def _address(text: str) -> Address | None:
    text = text.strip().strip("[]")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(request: Request, address: Address | None) -> bool:
    networks = trusted_networks(request.app.ctx.settings.portal_trusted_proxies)
    return address is not None and any(address in network for network in networks)


def _peer_is_proxy(request: Request) -> bool:
    return _trusted(request, _address(request.ip or ""))


def client_address(request: Request) -> str:
    """The socket peer, or behind a trusted proxy the nearest address in X-Forwarded-For that
    is not itself a trusted proxy (entries further left may be forged by the client)."""
    peer = request.ip or "unknown"
    if not _peer_is_proxy(request):
        return peer[:64]
    hops = [h for value in request.headers.getall("x-forwarded-for", []) for h in value.split(",")]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage: trust nothing further left
        client = str(address)
        if not _trusted(request, address):
            break
    return client[:64]


def is_tls(request: Request) -> bool:
    """Served over TLS: configured so, a TLS socket, or a trusted proxy says https."""
    if request.app.ctx.settings.portal_secure_cookies:
        return True
    if request.conn_info is not None and request.conn_info.ssl:
        return True
    if _peer_is_proxy(request):
        proto = request.headers.get("x-forwarded-proto", "").split(",")[-1].strip().lower()
        return proto == "https"
    return False
