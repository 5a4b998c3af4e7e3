"""One way for bounds tests to push as a peer this node accepts pushes from.

Pairing (pushes accepted only from known node keys) is set up here and nowhere else in these
tests, so when pairing changes shape only this helper changes with it.
"""

import gzip

import orjson

from commoning.core.bundle_format import att_line, entry_line
from commoning.sync.models import Peer
from commoning.sync.tests.kit import REMOTE_NODE, signed_frontier


def pair_remote_node(net: str) -> Peer:
    """Make REMOTE_NODE a peer this node's operator paired (pushes are taken only from such)."""
    peer, _ = Peer.objects.update_or_create(net=net, node_key=REMOTE_NODE.public_hex,
                                            defaults={"url": "", "paired": True,
                                                      "confirmed": True})
    return peer


def frontier_line(net: str) -> bytes:
    return orjson.dumps({"frontier": signed_frontier(net)}) + b"\n"


def push_lines(net: str, entries=(), attachments=()) -> bytes:
    """A push body: the frontier, entry lines, then (hash, body) attachment lines."""
    from commoning.core.entry import sha256_hex

    return (frontier_line(net)
            + b"".join(entry_line(entry.envelope_bytes()) for entry in entries)
            + b"".join(att_line(sha256_hex(body), body) for body in attachments))


def push(client, net: str, body: bytes, *, compress: bool = False, gzipped: bool = False):
    """POST a push body as the paired REMOTE_NODE would: `compress` gzips it here, `gzipped`
    says it already is."""
    pair_remote_node(net)
    headers = {}
    if compress:
        body = gzip.compress(body, mtime=0)
    if compress or gzipped:
        headers["HTTP_CONTENT_ENCODING"] = "gzip"
    return client.post(f"/sync/{net}/push", data=body, content_type="application/x-ndjson",
                       **headers)
