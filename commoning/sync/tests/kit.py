"""Helpers for sync tests: a remote node's key and entries, signed frontiers, sync lines."""

import gzip
import io

import orjson

from commoning.core import entry as entry_format
from commoning.core.bundle_format import BundleHeader, entry_line, header_line
from commoning.core.entry import Entry
from commoning.core.frontier import Frontier, sign_frontier
from commoning.core.signing import SigningKey
from commoning.log import clock
from commoning.log.models import Entry as EntryRow

REMOTE_NODE = SigningKey(bytes(range(32)))


def remote_member(net: str, name: str = "Rita") -> tuple[SigningKey, Entry]:
    """A member who joined on another node: a fresh key and its identity entry (not stored).
    Its admission (by the founder, whose key this node holds) is stored here first, if this
    node serves the network."""
    from commoning.accounts.admitting import admit_key
    from commoning.log.models import Network

    key = SigningKey.generate()
    hosted = Network.objects.filter(id=net).exists()
    deps = [admit_key(net, key.public_hex).id] if hosted else []
    identity = entry_format.build(key, net=net, seq=1, prev=None, ts=clock.now_ms(),
                                  type="accounts.identity", data={"name": name, "custody": "node"},
                                  deps=deps)
    return key, identity


def after(key: SigningKey, previous: Entry, type: str, data: dict, **extra) -> Entry:
    return entry_format.build(key, net=previous.network_id, seq=previous.seq + 1,
                              prev=previous.id, ts=max(previous.ts + 1, clock.now_ms()), type=type,
                              data=data, **extra)


def pair_remote_node(net: str, key: SigningKey = REMOTE_NODE):
    """This node's operator paired the remote node: its pushes are taken."""
    from commoning.sync.models import Peer

    return Peer.objects.create(net=net, url="", node_key=key.public_hex, paired=True)


def signed_frontier(net: str, heads=None, key: SigningKey = REMOTE_NODE) -> dict:
    return sign_frontier(key, Frontier(net, heads or {}), clock.now_ms())


def pull_body(net: str, heads=None) -> bytes:
    return orjson.dumps({"frontier": signed_frontier(net, heads)})


def push_body(net: str, *entries: Entry, extra_lines=()) -> bytes:
    head = orjson.dumps({"frontier": signed_frontier(net)}) + b"\n"
    return head + b"".join(entry_line(e.envelope_bytes()) for e in entries) + b"".join(extra_lines)


def read_lines(response) -> list[dict]:
    raw = b"".join(response.streaming_content)
    return [orjson.loads(line) for line in raw.splitlines() if line.strip()]


def local_heads(net: str) -> dict:
    heads = {}
    rows = EntryRow.objects.filter(net=net).values_list("author", "seq", "id")
    for author, seq, entry_id in rows:
        if seq > heads.get(author, (0, ""))[0]:
            heads[author] = (seq, entry_id)
    return heads


def make_bundle(net: str, entries, *, key: SigningKey = REMOTE_NODE, body_lines=None,
                header_changes=None) -> bytes:
    """A bundle as another node would write it (optionally with a body the header lies about)."""
    import hashlib

    lines = [entry_line(e.envelope_bytes()) for e in entries]
    real_lines = lines if body_lines is None else body_lines
    fields = {"net": net, "node": key.public_hex, "ts": clock.now_ms(), "for_node": "",
              "entries": len(lines), "digest": hashlib.sha256(b"".join(lines)).hexdigest()}
    fields.update(header_changes or {})
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as stream:
        stream.write(header_line(key, BundleHeader(**fields)))
        stream.write(b"".join(real_lines))
    return out.getvalue()
