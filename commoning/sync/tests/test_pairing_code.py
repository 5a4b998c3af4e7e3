"""Pairing by a one-time code: the operator of node A makes a code, node B's operator enters it
with A's URL, and each node then knows the other's node key. The code is kept only as a hash,
works once, expires, and guessing it is rate limited."""

from datetime import timedelta

import httpx
import orjson
import pytest
from django.test import Client
from django.utils import timezone

from commoning.accounts.keystore import node_key
from commoning.accounts.operators import grant
from commoning.core.frontier import Frontier, sign_frontier, verify_frontier
from commoning.core.signing import SigningKey
from commoning.log import clock
from commoning.sync import pairing
from commoning.sync.actions import SyncError
from commoning.sync.models import PairingCode, Peer

from .kit import REMOTE_NODE

pytestmark = pytest.mark.django_db


def offer(client, net, code, key: SigningKey = REMOTE_NODE, **extra):
    body = {"code": code, "frontier": sign_frontier(key, Frontier(net), clock.now_ms())}
    return client.post(f"/sync/{net}/pair", orjson.dumps(body), content_type="application/json",
                       **extra)


def test_a_code_pairs_the_node_that_offers_it_and_answers_with_our_key(client, net):
    code = pairing.issue_code(net)
    answer = offer(client, net, code)
    assert answer.status_code == 200, answer.content
    theirs = verify_frontier(answer.json()["frontier"], net=net)
    assert theirs.node == node_key().public_hex
    peer = Peer.objects.get(net=net, node_key=REMOTE_NODE.public_hex)
    assert peer.paired and peer.confirmed


def test_only_the_hash_of_a_code_is_kept(net):
    code = pairing.issue_code(net)
    stored = PairingCode.objects.get()
    assert pairing.normalise_code(code) not in stored.code_hash
    assert len(stored.code_hash) == 64


def test_a_code_works_once(client, net):
    code = pairing.issue_code(net)
    assert offer(client, net, code).status_code == 200
    other = SigningKey.generate()
    again = offer(client, net, code, key=other)
    assert again.status_code == 403 and again.json()["code"] == "bad_code"
    assert not Peer.objects.filter(node_key=other.public_hex).exists()


def test_an_expired_code_is_refused(client, net):
    code = pairing.issue_code(net)
    PairingCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert offer(client, net, code).status_code == 403
    assert not Peer.objects.exists()


def test_a_wrong_code_is_refused_and_guessing_is_rate_limited(client, net):
    pairing.issue_code(net)
    statuses = [offer(client, net, f"WRONG-{n:05d}").status_code
                for n in range(pairing.PAIR_RATE_PER_ADDRESS[0] + 1)]
    assert set(statuses[:-1]) == {403}
    assert statuses[-1] == 429
    assert not Peer.objects.exists()


def test_a_code_typed_in_lower_case_without_the_dash_still_works(client, net):
    code = pairing.issue_code(net)
    assert offer(client, net, code.replace("-", "").lower()).status_code == 200


def test_a_pairing_request_without_a_valid_signature_is_refused(client, net):
    code = pairing.issue_code(net)
    signed = sign_frontier(REMOTE_NODE, Frontier(net), clock.now_ms())
    signed["sig"] = signed["sig"][::-1]
    answer = client.post(f"/sync/{net}/pair", orjson.dumps({"code": code, "frontier": signed}),
                         content_type="application/json")
    assert answer.status_code == 400
    assert PairingCode.objects.get().used_at is None


def node_a(net, code_holder: dict):
    """Another node, A, that knows one code and signs with REMOTE_NODE."""

    def handle(request: httpx.Request) -> httpx.Response:
        body = orjson.loads(request.read())
        assert request.url.path == f"/sync/{net}/pair"
        verify_frontier(body["frontier"], net=net)  # B proves its key
        if body["code"] != code_holder["code"]:
            return httpx.Response(403, json={"code": "bad_code", "message": "no <b>way</b>"})
        return httpx.Response(200, json={"frontier": sign_frontier(REMOTE_NODE, Frontier(net),
                                                                   clock.now_ms())})

    return httpx.MockTransport(handle)


def test_node_b_pairs_node_a_by_its_url_and_code(net):
    peer = pairing.pair_with("https://a.test", "abcde-fghjk",
                             transport=node_a(net, {"code": "ABCDEFGHJK"}))
    assert (peer.url, peer.node_key, peer.paired, peer.confirmed) == (
        "https://a.test", REMOTE_NODE.public_hex, True, True)


def test_node_b_reports_a_refused_code_in_its_own_words(net):
    with pytest.raises(SyncError) as refused:
        pairing.pair_with("https://a.test", "WRONG", transport=node_a(net, {"code": "RIGHT"}))
    assert "<b>" not in str(refused.value)
    assert "wrong, used or expired" in str(refused.value)
    assert not Peer.objects.exists()


def test_an_operator_makes_a_code_on_the_peers_page(client, net, alice):
    grant("alice")
    client.force_login(alice)
    page = client.post("/peers/pairing-code/")
    assert page.status_code == 200
    assert PairingCode.objects.count() == 1
    assert "Pairing code:" in page.content.decode()


def test_a_wrong_code_on_the_peers_page_is_shown_beside_the_field(net, alice, monkeypatch):
    grant("alice")
    browser = Client()
    browser.force_login(alice)

    def refuse(url, code, request=None):
        raise SyncError("the pairing code is wrong, used or expired")

    monkeypatch.setattr(pairing, "pair_with", refuse)
    page = browser.post("/peers/pair/", {"url": "https://a.test", "code": "ZZZZZ-ZZZZZ"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "wrong, used or expired" in text and 'value="ZZZZZ-ZZZZZ"' in text
