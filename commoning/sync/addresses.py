"""Which addresses this node may connect to for a peer: public ones only, unless the operator
allows private networks (COMMONING_ALLOW_PRIVATE_PEERS, for a village LAN or tests).

Without this, a peer URL naming 127.0.0.1, a router or a cloud metadata address would make the
node fetch it for whoever typed it. The host name is resolved and every address checked when a
peer is added, and again by the transport at connect time, which then connects to the address it
checked: a name that resolves to a public address for the form and a private one a second later
(DNS rebinding) never reaches the private one.
"""

import ipaddress
import socket

import httpcore
from django.conf import settings
from django.utils.translation import gettext as _

# 64:ff9b::/96 (NAT64) carries an IPv4 address in its last 32 bits.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeAddress(httpcore.ConnectError):
    """A peer's host is (or resolves to) an address this node must not connect to. A connect
    error, so the transport stops there; the message is plain words for the operator."""


def private_peers_allowed() -> bool:
    return bool(getattr(settings, "COMMONING_ALLOW_PRIVATE_PEERS", False))


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4, Teredo client, NAT64), if any."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Reachable on the open internet: not loopback, private, link-local, unspecified, shared,
    reserved or multicast, in either family, nor an IPv6 form of such an IPv4 address."""
    if address.version == 6:
        inner = _embedded_ipv4(address)
        if inner is not None and not is_public(inner):
            return False
    return address.is_global and not (
        address.is_multicast or address.is_reserved or address.is_loopback
        or address.is_link_local or address.is_unspecified or address.is_private
    )


def _addresses(host: str, port: int) -> list[str]:
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeAddress(_("the host name %(host)s cannot be found") % {"host": host}) \
            from error
    # Keep the resolver's order (it prefers what this machine can reach) without repeats.
    return list(dict.fromkeys(str(info[4][0]) for info in found))


def checked_addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, all of them allowed, or UnsafeAddress."""
    addresses = _addresses(host.strip("[]"), port)
    if not addresses:
        raise UnsafeAddress(_("the host name %(host)s cannot be found") % {"host": host})
    if private_peers_allowed():
        return addresses
    for text in addresses:
        if not is_public(ipaddress.ip_address(text.split("%", 1)[0])):
            raise UnsafeAddress(_(
                "%(host)s is on a private or local network; this node connects to such peers "
                "only when its operator allows it (COMMONING_ALLOW_PRIVATE_PEERS)"
            ) % {"host": host})
    return addresses


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, except that it resolves the host itself, checks every
    address, and connects to a checked address (TLS still verifies the original host name)."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        last_error = None
        for address in checked_addresses(host, port):
            try:
                return super().connect_tcp(address, port, timeout=timeout,
                                           local_address=local_address,
                                           socket_options=socket_options)
            except httpcore.ConnectError as error:  # try the host's next address
                last_error = error
        raise last_error
