"""Only node operators manage peers, sync and bundles: a member gets 403 on every peers page
and action, the links stay hidden, and nothing changes (issue 10, finding 5)."""

import io

import pytest

from commoning.accounts.models import Member, SecurityEvent
from commoning.accounts.operators import (
    OperatorError,
    grant,
    is_operator,
    name_first_operator,
    revoke,
)
from commoning.sync.models import PairingCode, Peer
from commoning.testing import make_member

from .kit import make_bundle, remote_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def peer(net):
    return Peer.objects.create(net=net, url="http://valley.test", discovered=True,
                               confirmed=False)


def member_requests(peer, net):
    _key, identity = remote_member(net)
    upload = io.BytesIO(make_bundle(net, [identity]))
    upload.name = "rita.bundle"
    return [
        ("get", "/peers/", {}),
        ("post", "/peers/", {"url": "http://other.test"}),
        ("post", f"/peers/{peer.id}/sync/", {}),
        ("post", f"/peers/{peer.id}/remove/", {}),
        ("post", f"/peers/{peer.id}/confirm/", {}),
        ("post", "/peers/pair/", {"url": "http://other.test", "code": "ABCDE-FGHJK"}),
        ("post", "/peers/pairing-code/", {}),
        ("get", "/peers/bundle/", {}),
        ("post", "/peers/bundle/import/", {"bundle": upload}),
    ], identity


def test_it_refuses_every_peers_page_and_action_to_a_member(client, net, alice, bob, peer):
    grant("alice")
    client.force_login(bob)
    requests, identity = member_requests(peer, net)
    for method, path, data in requests:
        answer = getattr(client, method)(path, data)
        assert answer.status_code == 403, path
    peer.refresh_from_db()
    assert list(Peer.objects.values_list("url", flat=True)) == ["http://valley.test"]
    assert not peer.confirmed and peer.last_sync_at is None
    assert not PairingCode.objects.exists()
    assert not Member.objects.filter(id=identity.id).exists()
    denied = SecurityEvent.objects.filter(kind="node:operator:denied", username="bob")
    # Repeated refusals of one subject share a row per minute, with a count.
    assert sum(event.count for event in denied) == len(requests)


def test_an_operator_confirms_a_proposed_peer(client, net, alice, peer):
    grant("alice")
    client.force_login(alice)
    assert client.post(f"/peers/{peer.id}/confirm/").status_code == 303
    peer.refresh_from_db()
    assert peer.confirmed
    assert SecurityEvent.objects.filter(kind="sync:peer:confirmed").exists()


def test_it_hides_the_peers_link_from_members_and_shows_it_to_operators(client, alice, bob):
    grant("alice")
    client.force_login(bob)
    assert 'href="/peers/"' not in client.get("/").content.decode()
    client.force_login(alice)
    assert 'href="/peers/"' in client.get("/").content.decode()


def test_granting_and_revoking_is_recorded_in_the_security_log(alice):
    assert not is_operator(alice)
    grant("alice")
    assert is_operator(alice)
    revoke("alice")
    assert not is_operator(alice)
    kinds = list(SecurityEvent.objects.filter(kind__startswith="node:operator:")
                 .values_list("kind", "username"))
    assert kinds == [("node:operator:granted", "alice"), ("node:operator:revoked", "alice")]


def test_it_refuses_to_grant_a_login_that_does_not_exist(db):
    with pytest.raises(OperatorError):
        grant("mallory")


def test_init_makes_the_first_member_to_sign_up_the_operator(net):
    name_first_operator()
    first = make_member(net, "alice")
    second = make_member(net, "bob")
    assert is_operator(first) and not is_operator(second)


def test_init_can_name_the_operator_instead(net):
    name_first_operator("carol")
    alice = make_member(net, "alice")
    carol = make_member(net, "carol")
    assert is_operator(carol) and not is_operator(alice)


def test_a_visitor_is_sent_to_log_in(client, net):
    assert client.get("/peers/").status_code == 302
