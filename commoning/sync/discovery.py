"""Finding peers on the local network (zeroconf / mDNS), for `commoning serve --discover`.

A node announces `_commoning._tcp.local.` with its network id and node key, and listens for
others. A node of the same network is listed as a proposed peer; others are ignored. Anyone on
the LAN can announce anything, so a proposal is never synced with (or fetched) until an operator
confirms it on the peers page or with `commoning peers confirm`.
"""

import ipaddress
import socket

SERVICE_TYPE = "_commoning._tcp.local."


def peer_url(properties: dict, addresses: list, port: int, *, our_net: str,
             our_node: str) -> str | None:
    """The URL to add for an announced service, or None if it is not a peer of ours."""
    net = properties.get("net")
    node = properties.get("node")
    if net != our_net or not node or node == our_node or not addresses or not port:
        return None
    for text in addresses:
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            continue
        if address.version == 4 and not address.is_loopback:
            return f"http://{address}:{port}"
    return None


def _decoded(properties: dict) -> dict:
    return {
        (key.decode() if isinstance(key, bytes) else key):
        (value.decode() if isinstance(value, bytes) else value)
        for key, value in (properties or {}).items()
    }


def local_addresses() -> list[str]:
    """IPv4 addresses of this machine that other machines on the LAN can reach."""
    import ifaddr

    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if isinstance(ip.ip, str) and not ip.ip.startswith("127."):
                found.append(ip.ip)
    return found


def start(host: str, port: int):
    """Announce this node and add the peers found; returns the Zeroconf object (close() it)."""
    from django.db import close_old_connections
    from zeroconf import ServiceBrowser, ServiceInfo, ServiceStateChange, Zeroconf

    from commoning.accounts.actions import default_network
    from commoning.accounts.keystore import node_key
    from commoning.sync.actions import propose_peer

    net, node = default_network(), node_key().public_hex
    if net is None:
        return None
    addresses = [host] if host not in ("0.0.0.0", "") else local_addresses()  # noqa: S104
    zc = Zeroconf()
    info = ServiceInfo(
        SERVICE_TYPE, f"commoning-{node[:16]}.{SERVICE_TYPE}",
        addresses=[socket.inet_aton(a) for a in addresses if ipaddress.ip_address(a).version == 4],
        port=port, properties={"net": net, "node": node}, server=f"commoning-{node[:16]}.local.",
    )
    zc.register_service(info)

    def on_change(zeroconf, service_type, name, state_change):
        if state_change is not ServiceStateChange.Added:
            return
        found = zeroconf.get_service_info(service_type, name, timeout=3000)
        if found is None:
            return
        url = peer_url(_decoded(found.properties), found.parsed_addresses(), found.port,
                       our_net=net, our_node=node)
        if url:
            try:
                propose_peer(net, url)
            finally:
                close_old_connections()

    ServiceBrowser(zc, SERVICE_TYPE, handlers=[on_change])
    return zc
