"""A push is taken only from a node key this node's operator paired: anyone else's push gets
403 {code, message} and stores nothing, however well its entries and frontier are signed
(issue 10, the pairing half of finding 1)."""

import orjson
import pytest

from commoning.core.bundle_format import entry_line
from commoning.core.signing import SigningKey
from commoning.log.models import Entry as EntryRow
from commoning.log.projection import state_hash
from commoning.sync.models import Peer
from commoning.testing import HostileNode

from .kit import REMOTE_NODE, pair_remote_node, remote_member, signed_frontier

pytestmark = pytest.mark.django_db


def push(client, net, entries, *, key: SigningKey):
    body = orjson.dumps({"frontier": signed_frontier(net, key=key)}) + b"\n" + b"".join(
        entry_line(entry.envelope_bytes()) for entry in entries)
    return client.post(f"/sync/{net}/push", body, content_type="application/x-ndjson")


def test_it_refuses_a_push_signed_by_a_node_key_it_never_paired(client, net, alice):
    _key, identity = remote_member(net)
    before = state_hash()
    answer = push(client, net, [identity], key=SigningKey.generate())
    assert answer.status_code == 403
    assert answer.json()["code"] == "not_paired" and answer.json()["message"]
    assert not EntryRow.objects.filter(id=identity.id).exists()
    assert state_hash() == before


def test_it_refuses_a_hostile_node_that_makes_its_own_key(client, net, eve):
    mallory = HostileNode.of(eve)
    entry = mallory.entry("accounts.profile", {"name": "Eve the Owner"})
    answer = push(client, net, [entry], key=SigningKey.generate())
    assert answer.status_code == 403
    assert not EntryRow.objects.filter(id=entry.id).exists()


def test_a_known_but_unpaired_node_key_is_refused_too(client, net):
    # A peer met through a bundle is known by its key, but nobody paired it for pushes.
    Peer.objects.create(net=net, url="", node_key=REMOTE_NODE.public_hex, paired=False)
    _key, identity = remote_member(net)
    assert push(client, net, [identity], key=REMOTE_NODE).status_code == 403
    assert not EntryRow.objects.filter(id=identity.id).exists()


def test_a_paired_node_key_pushes(client, net):
    pair_remote_node(net)
    _key, identity = remote_member(net)
    answer = push(client, net, [identity], key=REMOTE_NODE)
    assert answer.status_code == 200, answer.content
    assert EntryRow.objects.filter(id=identity.id).exists()


def test_removing_the_peer_ends_its_pushes(client, net):
    peer = pair_remote_node(net)
    peer.delete()
    _key, identity = remote_member(net)
    assert push(client, net, [identity], key=REMOTE_NODE).status_code == 403
