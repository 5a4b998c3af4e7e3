"""A peer URL the operator chose pairs the node key it signs with on the first sync (so that
node may push back); a later change of key stops the sync until an operator pairs again."""

import httpx
import orjson
import pytest

from commoning.core.frontier import Frontier, sign_frontier
from commoning.core.signing import SigningKey
from commoning.log import clock
from commoning.sync import actions

from .kit import REMOTE_NODE

pytestmark = pytest.mark.django_db


def peer_signing_with(net, key: SigningKey) -> httpx.MockTransport:
    def handle(request):
        if request.url.path.endswith("/push"):
            return httpx.Response(200, json={"counts": {}})
        lines = [orjson.dumps({"frontier": sign_frontier(key, Frontier(net), clock.now_ms())}),
                 orjson.dumps({"end": {"entries": 0, "next": None}})]
        return httpx.Response(200, content=b"\n".join(lines) + b"\n")

    return httpx.MockTransport(handle)


def test_the_first_sync_pairs_the_key_of_a_chosen_peer(net):
    peer = actions.add_peer(net, "https://a.test")
    assert not peer.paired
    result = actions.sync_with_peer(peer, transport=peer_signing_with(net, REMOTE_NODE))
    assert result.ok, result.error
    peer.refresh_from_db()
    assert peer.paired and peer.node_key == REMOTE_NODE.public_hex


def test_a_peer_that_changes_its_key_is_not_trusted_silently(net):
    peer = actions.add_peer(net, "https://a.test")
    actions.sync_with_peer(peer, transport=peer_signing_with(net, REMOTE_NODE))
    impostor = SigningKey.generate()
    result = actions.sync_with_peer(peer, transport=peer_signing_with(net, impostor))
    assert "another node key" in result.error
    peer.refresh_from_db()
    assert peer.node_key == REMOTE_NODE.public_hex
