"""Peer URLs on loopback or private networks are refused unless the operator allows them, at
the form and again at connect time (DNS rebinding), and a peer's reply is never shown on the
peers page (issue 10, finding 5: the node fetched internal URLs and echoed the answer)."""

import ipaddress

import httpcore
import httpx
import pytest

from commoning.accounts.operators import grant
from commoning.sync import actions, addresses
from commoning.sync.client import GuardedTransport, PeerClient, PeerError, _tls_context
from commoning.sync.models import Peer

pytestmark = pytest.mark.django_db

NOT_PUBLIC = [
    "127.0.0.1", "127.8.9.10", "10.0.0.7", "172.16.3.4", "192.168.1.20", "169.254.169.254",
    "0.0.0.0", "100.64.0.1",  # noqa: S104  (an address refused, not bound)
    "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1",
    "fc00::5", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::",
    "64:ff9b::a9fe:a9fe", "2001:0:4136:e378:8000:63bf:80ff:fffe",
]
PUBLIC = ["100.128.0.7", "8.8.8.8", "2606:4700::1111", "2a01:4f8::1"]


@pytest.mark.parametrize("text", NOT_PUBLIC)
def test_it_knows_an_address_that_is_not_public(text):
    assert not addresses.is_public(ipaddress.ip_address(text))


@pytest.mark.parametrize("text", PUBLIC)
def test_it_knows_a_public_address(text):
    assert addresses.is_public(ipaddress.ip_address(text))


@pytest.fixture
def operator(client, alice):
    grant("alice")
    client.force_login(alice)
    return client


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000", "http://[::1]:8000",
                                 "http://169.254.169.254", "http://[::ffff:10.0.0.1]"])
def test_the_peers_page_refuses_a_private_address_beside_the_field(operator, net, url):
    page = operator.post("/peers/", {"url": url})
    assert page.status_code == 400
    text = page.content.decode()
    assert "private or local network" in text
    assert f'value="{url}"' in text  # the input is kept
    assert not Peer.objects.exists()


def test_it_refuses_a_name_that_resolves_to_a_private_address(net, monkeypatch):
    monkeypatch.setattr(addresses, "_addresses", lambda host, port: ["100.128.0.7", "10.1.1.1"])
    with pytest.raises(actions.Rejected):
        actions.add_peer(net, "http://mixed.test")
    assert not Peer.objects.exists()


def test_an_operator_may_allow_private_peers(net, settings):
    settings.COMMONING_ALLOW_PRIVATE_PEERS = True
    assert actions.add_peer(net, "http://192.168.1.20:8000").url == "http://192.168.1.20:8000"


def test_the_transport_checks_again_when_it_connects(net, monkeypatch):
    """A name that resolved to a public address when added, and to 127.0.0.1 when the node
    connects (DNS rebinding), never reaches a socket."""
    peer = actions.add_peer(net, "http://rebind.test")
    monkeypatch.setattr(addresses, "_addresses", lambda host, port: ["127.0.0.1"])
    opened = []
    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp",
                        lambda self, host, port, **kw: opened.append(host))
    result = actions.sync_with_peer(peer)
    assert opened == []
    assert "private or local network" in result.error


def test_the_transport_connects_to_the_address_it_checked(monkeypatch):
    monkeypatch.setattr(addresses, "_addresses", lambda host, port: ["100.128.0.7"])
    opened = []

    def refuse(self, host, port, **kw):
        opened.append((host, port))
        raise httpcore.ConnectError("no")

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", refuse)
    with PeerClient("http://peer.test:8123") as client, pytest.raises(PeerError):
        client.network_id()
    assert opened == [("100.128.0.7", 8123)]


def test_the_transport_ignores_proxies_from_the_environment(monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    client = PeerClient("http://peer.test")
    assert isinstance(client.http._transport, GuardedTransport)
    assert client.http._mounts == {}
    client.close()
    assert GuardedTransport(_tls_context())  # builds without a proxy


def test_a_peers_reply_is_never_shown_on_the_peers_page(operator, net):
    peer = Peer.objects.create(net=net, url="http://internal.test")

    def internal_service(request):
        return httpx.Response(500, json={"code": "boom", "message": "SECRET admin password"})

    result = actions.sync_with_peer(peer, transport=httpx.MockTransport(internal_service))
    assert result.error == "the peer answered HTTP 500"
    page = operator.get("/peers/").content.decode()
    assert "SECRET" not in page
    assert "the peer answered HTTP 500" in page


def test_a_reply_that_is_not_a_sync_answer_is_not_shown_either(operator, net):
    peer = Peer.objects.create(net=net, url="http://internal.test")

    def internal_page(request):
        return httpx.Response(200, content=b"<html>SECRET router admin page</html>\n")

    result = actions.sync_with_peer(peer, transport=httpx.MockTransport(internal_page))
    assert result.error and "SECRET" not in result.error
    assert "SECRET" not in operator.get("/peers/").content.decode()
