"""Sync tests never touch the network: host names ending in .test resolve to a public address
here (the transports are mocks), and literal addresses resolve to themselves."""

import ipaddress

import pytest

from commoning.sync import addresses

PUBLIC_TEST_ADDRESS = "100.128.0.7"  # public (just past the shared 100.64/10 range)


def fake_resolver(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host.split("%", 1)[0]))]
    except ValueError:
        pass
    if host.endswith(".test"):
        return [PUBLIC_TEST_ADDRESS]
    raise addresses.UnsafeAddress(f"the host name {host} cannot be found")


@pytest.fixture(autouse=True)
def no_dns(monkeypatch):
    monkeypatch.setattr(addresses, "_addresses", fake_resolver)
