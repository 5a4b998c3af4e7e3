"""Sync frontiers (architecture, section 10): what a node holds, signed by its node key, and
the pure planning of what the other side misses.

A frontier lists, for one network, each author's last seq and entry id, the fork proofs the
node holds and where forked feeds were cut. Comparing two frontiers tells each side exactly
which (author, seq) ranges to send, so the cost of a sync grows with what is new, never with
history. The HTTP sync, the bundle export and the many-node simulation all plan with
`plan_missing` below.
"""

import hashlib
from dataclasses import dataclass, field

from commoning.core import canonical
from commoning.core.entry import HEX_ID
from commoning.core.signing import (
    FRONTIER_CONTEXT,
    SignatureError,
    SigningKey,
    b64url_decode,
    b64url_encode,
    verify,
)

FRONTIER_VERSION = 1
FORK_KEY_LENGTH = 32


class FrontierError(ValueError):
    """A frontier is malformed, for another network, or its signature does not verify."""


def fork_key(first_id: str, second_id: str) -> str:
    """A short name for a fork proof: the first half of each id, in sorted order."""
    low, high = sorted((first_id, second_id))
    return low[: FORK_KEY_LENGTH // 2] + high[: FORK_KEY_LENGTH // 2]


@dataclass(frozen=True)
class Frontier:
    """What a node holds of one network: author -> (last seq, its id), forks known."""

    net: str
    heads: dict = field(default_factory=dict)  # author hex -> (seq, id)
    forks: frozenset = frozenset()  # fork keys of the fork proofs held
    forked: dict = field(default_factory=dict)  # author hex -> lowest forked seq
    node: str = ""  # the node key that signed it ("" while unsigned)
    ts: int = 0
    # When set: `heads` lists only what differs from the frontier whose text has this SHA-256
    # (the one the other side just sent), so an answer to an idle sync is a few bytes.
    base: str = ""

    def payload(self) -> dict:
        payload = {
            "v": FRONTIER_VERSION,
            "net": self.net,
            "node": self.node,
            "ts": self.ts,
            "heads": {author: [seq, entry_id] for author, (seq, entry_id) in self.heads.items()},
            "forks": sorted(self.forks),
            "forked": dict(self.forked),
        }
        if self.base:
            payload["base"] = self.base
        return payload


def text_digest(frontier_text: str) -> str:
    return hashlib.sha256(frontier_text.encode("utf-8")).hexdigest()


def delta_against(ours: Frontier, theirs: Frontier, their_text: str) -> Frontier:
    """Our frontier as a difference from theirs, when every author they list is one we hold
    (otherwise the whole frontier: a difference cannot say "absent")."""
    if not set(theirs.heads) <= set(ours.heads):
        return ours
    changed = {a: head for a, head in ours.heads.items() if theirs.heads.get(a) != head}
    return Frontier(ours.net, changed, ours.forks, ours.forked, ours.node, ours.ts,
                    text_digest(their_text))


def resolve(received: Frontier, sent: Frontier, sent_text: str) -> Frontier:
    """The other side's whole frontier, from its answer to the frontier we sent."""
    if not received.base:
        return received
    if received.base != text_digest(sent_text):
        raise FrontierError("the answer's frontier is relative to a frontier we did not send")
    return Frontier(received.net, {**sent.heads, **received.heads}, received.forks,
                    received.forked, received.node, received.ts)


def sign_frontier(key: SigningKey, frontier: Frontier, ts: int) -> dict:
    """The transmitted form: {"frontier": "<canonical json>", "sig": "<base64url>"}."""
    signed = Frontier(frontier.net, frontier.heads, frontier.forks, frontier.forked,
                      key.public_hex, ts, frontier.base)
    payload_bytes = canonical.encode(signed.payload())
    return {
        "frontier": payload_bytes.decode("utf-8"),
        "sig": b64url_encode(key.sign(FRONTIER_CONTEXT, payload_bytes)),
    }


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise FrontierError(message)


def _is_hex_id(value) -> bool:
    return isinstance(value, str) and bool(HEX_ID.match(value))


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def verify_frontier(signed, *, net: str | None = None) -> Frontier:
    """Check a transmitted frontier's shape and node signature; return it parsed."""
    _check(isinstance(signed, dict) and set(signed) == {"frontier", "sig"},
           "a signed frontier is an object with exactly 'frontier' and 'sig'")
    _check(isinstance(signed["frontier"], str), "the frontier must be canonical JSON text")
    payload_bytes = signed["frontier"].encode("utf-8")
    try:
        payload = canonical.decode(payload_bytes)
    except canonical.CanonicalError as error:
        raise FrontierError(f"the frontier is not canonical JSON: {error}") from error
    required = {"v", "net", "node", "ts", "heads", "forks", "forked"}
    _check(isinstance(payload, dict) and set(payload) in (required, required | {"base"}),
           "the frontier has missing or unknown fields")
    _check(_is_hex_id(payload.get("base", "0" * 64)), "the frontier's base must be a hex digest")
    _check(payload["v"] == FRONTIER_VERSION, f"unsupported frontier version {payload['v']!r}")
    _check(_is_hex_id(payload["net"]), "the frontier's net must be a 64-character hex id")
    _check(net is None or payload["net"] == net, "the frontier is for another network")
    _check(_is_hex_id(payload["node"]), "the frontier's node must be a 64-character hex key")
    _check(_is_count(payload["ts"]), "the frontier's ts must be an integer >= 0")
    heads = {}
    _check(isinstance(payload["heads"], dict), "heads must be an object")
    for author, head in payload["heads"].items():
        _check(_is_hex_id(author), "every head must be keyed by a 64-character hex key")
        _check(isinstance(head, list) and len(head) == 2 and _is_count(head[0]) and head[0] >= 1
               and _is_hex_id(head[1]), "every head must be [seq >= 1, hex id]")
        heads[author] = (head[0], head[1])
    _check(isinstance(payload["forks"], list)
           and all(isinstance(k, str) and len(k) == FORK_KEY_LENGTH for k in payload["forks"]),
           "forks must be a list of fork keys")
    _check(isinstance(payload["forked"], dict)
           and all(_is_hex_id(a) and _is_count(s) and s >= 1
                   for a, s in payload["forked"].items()),
           "forked must map author keys to seqs")
    try:
        verify(payload["node"], FRONTIER_CONTEXT, payload_bytes, b64url_decode(signed["sig"]))
    except SignatureError as error:
        raise FrontierError(f"the frontier's node signature: {error}") from error
    return Frontier(payload["net"], heads, frozenset(payload["forks"]), dict(payload["forked"]),
                    payload["node"], payload["ts"], payload.get("base", ""))


@dataclass(frozen=True, order=True)
class FeedRange:
    """Entries author[first_seq .. last_seq] that the other side misses."""

    author: str
    first_seq: int
    last_seq: int

    @property
    def count(self) -> int:
        return self.last_seq - self.first_seq + 1


def plan_missing(local: Frontier, remote: Frontier, id_at=None) -> list[FeedRange]:
    """The ranges of entries `local` holds and `remote` misses, sorted by author.

    A forked feed is sent no further than its fork seq (nobody accepts more of it). Where the
    remote's head at some seq has an id other than ours, our entry at that seq is sent too, so
    the remote detects the fork: `id_at(author, seq)` gives our id at a seq (None: skip that
    check, e.g. when the caller only has heads).
    """
    ranges = []
    for author, (seq, entry_id) in local.heads.items():
        cuts = [s for s in (local.forked.get(author), remote.forked.get(author)) if s]
        top = min([seq, *cuts])
        remote_seq, remote_id = remote.heads.get(author, (0, None))
        if remote_seq >= top:
            if remote_seq == seq and remote_id != entry_id and not cuts:
                ranges.append(FeedRange(author, seq, seq))  # same seq, other entry: a fork
            continue
        first = remote_seq + 1
        if remote_seq >= 1 and id_at is not None and id_at(author, remote_seq) not in (
            None, remote_id
        ):
            first = remote_seq
        ranges.append(FeedRange(author, first, top))
    return sorted(ranges)


def missing_fork_keys(local: Frontier, remote: Frontier) -> set:
    """Fork proofs `local` holds and `remote` does not: they travel first in every sync."""
    return set(local.forks) - set(remote.forks)
