"""The peers page, for an operator: list, add, remove, sync now, and bundles to download and
upload (test_operator_role checks that members are refused)."""

import io

import httpx
import pytest
from django.test import Client

from commoning.accounts.models import Member
from commoning.accounts.operators import grant
from commoning.sync import actions
from commoning.sync.models import Peer
from commoning.testing import PASSWORD

from .kit import make_bundle, remote_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_client(client, alice):
    grant("alice")
    client.login(username="alice", password=PASSWORD)
    return client


def test_it_needs_a_login(client, net):
    assert client.get("/peers/").status_code == 302


def test_an_operator_adds_a_peer(alice_client, net):
    answer = alice_client.post("/peers/", {"url": "http://valley.test:8000/"})
    assert answer.status_code == 303
    assert Peer.objects.get(net=net).url == "http://valley.test:8000"
    assert "valley.test" in alice_client.get("/peers/").content.decode()


def test_it_refuses_a_peer_url_that_is_not_http(alice_client, net):
    answer = alice_client.post("/peers/", {"url": "file:///etc/passwd"})
    assert answer.status_code == 400
    assert not Peer.objects.exists()


def test_an_operator_removes_a_peer(alice_client, net):
    peer = Peer.objects.create(net=net, url="http://valley.test:8000")
    alice_client.post(f"/peers/{peer.id}/remove/", {"confirm": "on"})
    assert not Peer.objects.exists()


def test_an_operator_downloads_a_bundle(alice_client, net):
    answer = alice_client.get("/peers/bundle/")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content)[:2] == b"\x1f\x8b"  # gzip


def test_an_operator_uploads_a_bundle(alice_client, net):
    _key, identity = remote_member(net)
    upload = io.BytesIO(make_bundle(net, [identity]))
    upload.name = "rita.bundle"
    answer = alice_client.post("/peers/bundle/import/", {"bundle": upload}, follow=True)
    assert "Bundle imported" in answer.content.decode()
    assert Member.objects.filter(id=identity.id).exists()


def test_a_refused_upload_says_why(alice_client, net):
    upload = io.BytesIO(b"not a bundle")
    upload.name = "junk.bundle"
    answer = alice_client.post("/peers/bundle/import/", {"bundle": upload}, follow=True)
    assert "nothing was imported" in answer.content.decode()


def django_transport() -> httpx.MockTransport:
    """Route a peer's HTTP calls into this test's own node (a peer holding the same log)."""
    django_client = Client()

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.decode()
        headers = {name: request.headers[name] for name in ("Content-Encoding", "Accept-Encoding")
                   if name in request.headers}
        if request.method == "GET":
            answer = django_client.get(path, headers=headers)
        else:
            answer = django_client.generic("POST", path, request.read(), headers=headers,
                                           content_type=request.headers["content-type"])
        body = b"".join(answer.streaming_content) if answer.streaming else answer.content
        passed_on = {"Content-Encoding": answer["Content-Encoding"]} if answer.has_header(
            "Content-Encoding") else {}
        return httpx.Response(answer.status_code, content=body, headers=passed_on)

    return httpx.MockTransport(handle)


def test_an_idle_sync_is_one_round_trip(net, alice):
    peer = actions.add_peer(net, "http://peer.test")
    result = actions.sync_with_peer(peer, transport=django_transport())
    assert result.ok, result.error
    assert result.round_trips == 1
    assert result.received.new_entries == 0 and result.sent_entries == 0
    peer.refresh_from_db()
    assert peer.last_result == "ok" and peer.node_key


def test_an_unreachable_peer_is_reported_on_the_peer(net):
    peer = actions.add_peer(net, "http://peer.test")

    def refuse(request):
        raise httpx.ConnectError("connection refused")

    result = actions.sync_with_peer(peer, transport=httpx.MockTransport(refuse))
    assert not result.ok
    peer.refresh_from_db()
    assert peer.last_result == "failed" and peer.last_error == "could not connect to the peer"


def test_a_peer_that_sends_invalid_entries_is_reported(net, alice):
    import orjson

    from commoning.accounts.models import SecurityEvent
    from commoning.core.frontier import Frontier, sign_frontier

    from .kit import REMOTE_NODE

    forged = {"payload": '{"v":1}', "sigs": [["00" * 32, "AA"]]}
    answer = b"\n".join([
        orjson.dumps({"frontier": sign_frontier(REMOTE_NODE, Frontier(net), 1)}),
        b'{"entry":' + orjson.dumps(forged) + b"}",
        orjson.dumps({"end": {"entries": 1, "next": None}}),
    ]) + b"\n"
    peer = actions.add_peer(net, "http://bad.test")

    def bad_peer(request):
        if request.url.path.endswith("/push"):
            return httpx.Response(200, json={"counts": {}})
        return httpx.Response(200, content=answer)

    result = actions.sync_with_peer(peer, transport=httpx.MockTransport(bad_peer))
    assert len(result.received.invalid) == 1
    peer.refresh_from_db()
    assert peer.invalid_entries_seen == 1 and peer.last_result == "invalid"
    assert SecurityEvent.objects.filter(kind="sync:peer:invalid_entries").exists()
