"""Anyone on the LAN can announce a node: discovery only proposes it, and neither `serve
--sync-every` nor sync now contacts it until an operator confirms it (issue 10, finding 5)."""

import httpx
import pytest

from commoning.sync import actions
from commoning.sync.models import Peer

pytestmark = pytest.mark.django_db


def test_an_announced_node_is_only_a_proposal(net):
    peer = actions.propose_peer(net, "http://192.168.1.20:8000")
    assert peer.discovered and not peer.confirmed and not peer.paired


def test_periodic_sync_leaves_proposals_alone(net, monkeypatch):
    actions.propose_peer(net, "http://192.168.1.20:8000")
    contacted = []
    monkeypatch.setattr(actions, "sync_with_peer", lambda peer, **kw: contacted.append(peer))
    actions.sync_all(net)
    assert contacted == []


def test_a_proposal_is_never_contacted_even_when_asked(net):
    peer = actions.propose_peer(net, "http://192.168.1.20:8000")
    calls = []
    result = actions.sync_with_peer(
        peer, transport=httpx.MockTransport(lambda request: calls.append(request)))
    assert calls == [] and result.error


def test_confirming_a_private_proposal_needs_private_peers_allowed(net, settings):
    peer = actions.propose_peer(net, "http://192.168.1.20:8000")
    with pytest.raises(actions.Rejected):
        actions.confirm_peer(net, peer.id)
    settings.COMMONING_ALLOW_PRIVATE_PEERS = True
    assert actions.confirm_peer(net, peer.id).confirmed


def test_a_confirmed_peer_is_synced_by_the_periodic_sync(net, monkeypatch):
    peer = actions.propose_peer(net, "http://lan.test:8000")
    actions.confirm_peer(net, peer.id)
    contacted = []
    monkeypatch.setattr(actions, "sync_with_peer", lambda peer, **kw: contacted.append(peer.url))
    actions.sync_all(net)
    assert contacted == ["http://lan.test:8000"]


def test_a_removed_proposal_comes_back_only_as_a_proposal(net):
    first = actions.propose_peer(net, "http://lan.test:8000")
    actions.remove_peer(net, first.id)
    again = actions.propose_peer(net, "http://lan.test:8000")
    assert not again.confirmed and Peer.objects.count() == 1
