"""Pairing: two nodes learn each other's node keys, so each takes the other's pushes.

The operator of node A issues a one-time code (`commoning peers pair-code`, or the peers page);
the operator of node B enters it with A's URL (`commoning peers pair URL CODE`). B sends the code
with a frontier signed by its node key; A checks the code (its hash, unused, not expired), pairs
B's key and answers with a frontier signed by its own key, which B pairs in turn. A code is
short-lived and works once; only its SHA-256 is kept, and the endpoint is rate limited.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commoning.accounts import security
from commoning.accounts.actions import default_network
from commoning.accounts.keystore import node_key
from commoning.core.frontier import Frontier, FrontierError, sign_frontier, verify_frontier
from commoning.log import clock
from commoning.sync.actions import SyncError, clean_url
from commoning.sync.client import PeerClient, PeerError
from commoning.sync.models import PairingCode, Peer

# 32 letters and digits people do not confuse (no 0/O, 1/I); 10 of them carry 50 bits.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_LIFETIME = timedelta(minutes=10)
# Guesses per minute: per address, and for the whole node (so many addresses do not add up).
PAIR_RATE_PER_ADDRESS = (10, 5)  # burst, refill per minute
PAIR_RATE_PER_NODE = (30, 10)


class PairingError(ValueError):
    """A pairing code was refused: wrong, used or expired (one answer for all three)."""


def normalise_code(text: str) -> str:
    """The code as typed, without the dash, spaces or lower case people add."""
    return "".join(ch for ch in str(text or "").upper() if ch not in "- ")[:64]


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def issue_code(net: str, *, request=None) -> str:
    """A new one-time code for another node's operator; shown once, only its hash is kept."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    PairingCode.objects.create(net=net, code_hash=_hash(code),
                               expires_at=timezone.now() + CODE_LIFETIME)
    security.record("sync:pairing_code:issued", request=request)
    return f"{code[:5]}-{code[5:]}"


def pair_node(net: str, node: str, *, request=None, detail: str = "") -> Peer:
    """Pair a node key: pushes it signs are accepted from now on."""
    peer = (Peer.objects.filter(net=net, node_key=node).order_by("-url").first()
            or Peer(net=net, url="", node_key=node))
    peer.paired, peer.confirmed = True, True
    peer.save()
    security.record("sync:peer:paired", request=request,
                    detail=f"node {node[:16]}" + (f" {detail}" if detail else ""))
    return peer


def redeem_code(net: str, code: str, node: str, *, request=None) -> Peer:
    """The pair endpoint's action: spend a code on the node key that signed the request."""
    with transaction.atomic():
        row = PairingCode.objects.select_for_update().filter(
            net=net, code_hash=_hash(code), used_at__isnull=True, expires_at__gt=timezone.now(),
        ).first()
        if row is None:
            security.record("sync:pairing_code:refused", request=request,
                            detail=f"node {node[:16]}")
            raise PairingError(_("the pairing code is wrong, used or expired"))
        row.used_at, row.used_by_node = timezone.now(), node
        row.save(update_fields=["used_at", "used_by_node"])
        return pair_node(net, node, request=request, detail="(pairing code)")


def pair_with(url: str, code: str, *, request=None, transport=None) -> Peer:
    """Node B's side: offer A's code to A, and pair A's URL with the node key A answers with."""
    url = clean_url(url)
    net = default_network()
    if net is None:
        raise SyncError(_("this node serves no network yet"))
    key = node_key()
    offer = {"code": normalise_code(code),
             "frontier": sign_frontier(key, Frontier(net), clock.now_ms())}
    with PeerClient(url, transport=transport) as client:
        try:
            answer = client.pair(net, offer)
        except PeerError as error:
            raise SyncError(str(error)) from error
    try:
        theirs = verify_frontier(answer.get("frontier"), net=net)
    except FrontierError as error:
        raise SyncError(_("the peer answered without a valid signed frontier")) from error
    if theirs.node == key.public_hex:
        raise SyncError(_("that address is this node itself"))
    with transaction.atomic():
        peer = Peer.objects.filter(net=net, url=url).first() or Peer(net=net, url=url)
        peer.node_key, peer.paired, peer.confirmed = theirs.node, True, True
        peer.save()
        security.record("sync:peer:paired", request=request,
                        detail=f"{url} node {theirs.node[:16]} (pairing code)")
    return peer
