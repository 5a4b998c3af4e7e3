"""Sync lines and offline bundles (architecture, section 10): the format shared by HTTP sync
and files.

A sync stream and a bundle body are JSON lines of three kinds, fork proofs first:
  {"fork": [envelope, envelope]}     two entries by one key at one seq
  {"entry": envelope}                one self-verifying entry
  {"att": {"hash": hex, "body": b64url, "type": media type}}   a body an entry names
A bundle is a gzip file whose first line is a header signed by the sending node's key: the
network, what the sender believes the receiver has (`assumed`), what the sender itself has
(`acks`: it acknowledges every entry the receiver sent before), and what the body contains
(counts and a SHA-256 over the body lines), so a truncated or altered file is refused whole.
"""

import hashlib
from dataclasses import dataclass, field

import orjson

from commoning.core import bounded, canonical, limits
from commoning.core.bounded import line_limit
from commoning.core.entry import HEX_ID, Entry, EntryError, parse_envelope, sha256_hex
from commoning.core.frontier import FORK_KEY_LENGTH, fork_key
from commoning.core.signing import (
    BUNDLE_CONTEXT,
    SignatureError,
    SigningKey,
    b64url_decode,
    b64url_encode,
    verify,
)

BUNDLE_VERSION = 1
MAX_HEADER_BYTES = 8 * 1024 * 1024  # acks and assumed heads: one per author


class BundleError(ValueError):
    """A bundle or sync line is truncated, corrupted, forged or malformed; says which."""


# -- lines ------------------------------------------------------------------------------------
def entry_line(envelope_bytes: bytes) -> bytes:
    return b'{"entry":' + envelope_bytes + b"}\n"


def fork_line(first_envelope: bytes, second_envelope: bytes) -> bytes:
    return b'{"fork":[' + first_envelope + b"," + second_envelope + b"]}\n"


DEFAULT_MEDIA_TYPE = "text/plain; charset=utf-8"
MAX_MEDIA_TYPE = 100


def att_line(att_hash: str, body: bytes, media_type: str = DEFAULT_MEDIA_TYPE) -> bytes:
    encoded = b64url_encode(body) if body else ""
    return orjson.dumps({"att": {"hash": att_hash, "body": encoded, "type": media_type}}) + b"\n"


@dataclass(frozen=True)
class ForkItem:
    first: Entry
    second: Entry

    @property
    def key(self) -> str:
        return fork_key(self.first.id, self.second.id)


@dataclass(frozen=True)
class AttItem:
    hash: str
    body: bytes
    media_type: str = DEFAULT_MEDIA_TYPE


def parse_fork(pair) -> ForkItem:
    if not isinstance(pair, list) or len(pair) != 2:
        raise EntryError("a fork proof is a list of two envelopes")
    first, second = parse_envelope(pair[0]), parse_envelope(pair[1])
    slot = (first.network_id, first.author, first.seq)
    if slot != (second.network_id, second.author, second.seq):
        raise EntryError("a fork proof needs two entries by one key at one seq")
    if first.id == second.id:
        raise EntryError("a fork proof needs two different entries")
    return ForkItem(*sorted((first, second), key=lambda entry: entry.id))


def parse_att(value) -> AttItem:
    if not isinstance(value, dict) or not {"hash", "body"} <= set(value) <= {
        "hash", "body", "type"
    }:
        raise EntryError("an attachment line is {hash, body, type}")
    media_type = value.get("type", DEFAULT_MEDIA_TYPE)
    if not (isinstance(media_type, str) and 0 < len(media_type) <= MAX_MEDIA_TYPE
            and media_type.isprintable()):
        raise EntryError("an attachment's media type must be short printable text")
    if not (isinstance(value["hash"], str) and HEX_ID.match(value["hash"])):
        raise EntryError("an attachment hash must be 64 hex characters")
    if not isinstance(value["body"], str) or len(value["body"]) > limits.MAX_ATTACHMENT_LINE_BYTES:
        raise EntryError("an attachment body must be base64url text within the size limit")
    try:
        body = b64url_decode(value["body"]) if value["body"] else b""
    except SignatureError as error:
        raise EntryError("an attachment body must be base64url") from error
    if sha256_hex(body) != value["hash"]:
        raise EntryError(f"attachment {value['hash'][:12]}… does not match its hash")
    return AttItem(value["hash"], body, media_type)


def split_line(raw: bytes) -> tuple[str, object]:
    """(kind, body) of a line: "entry", "fork" or "att" and its JSON value, not yet checked;
    EntryError if the line is not one of the three."""
    if len(raw) > line_limit(raw):
        raise EntryError("line is too long")
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise EntryError(f"line is not JSON: {error}") from error
    if not isinstance(value, dict) or len(value) != 1:
        raise EntryError("a line is an object with one key: entry, fork or att")
    (kind, body), = value.items()
    if kind not in ("entry", "fork", "att"):
        raise EntryError(f"unknown line kind {kind[:40]!r}")
    return kind, body


def parse_line(raw: bytes):
    """One verified item (Entry, ForkItem or AttItem) from a line; EntryError if it is bad."""
    kind, body = split_line(raw)
    if kind == "entry":
        return parse_envelope(body)
    if kind == "fork":
        return parse_fork(body)
    return parse_att(body)


# -- bundle header ----------------------------------------------------------------------------
@dataclass(frozen=True)
class BundleHeader:
    net: str
    node: str  # the sending node's key, which signed the header
    ts: int
    for_node: str  # the node the bundle is meant for ("" if anyone)
    assumed: dict = field(default_factory=dict)  # author -> (seq, id) the receiver has
    acks: dict = field(default_factory=dict)  # author -> (seq, id) the sender has
    forks_acked: tuple = ()  # fork keys the sender holds
    entries: int = 0
    forks: int = 0
    atts: int = 0
    digest: str = ""  # SHA-256 of the body lines, in order

    def payload(self) -> dict:
        def heads(mapping):
            return {author: [seq, entry_id] for author, (seq, entry_id) in mapping.items()}

        return {
            "v": BUNDLE_VERSION,
            "net": self.net,
            "node": self.node,
            "ts": self.ts,
            "for_node": self.for_node,
            "assumed": heads(self.assumed),
            "acks": heads(self.acks),
            "forks_acked": sorted(self.forks_acked),
            "contains": {"entries": self.entries, "forks": self.forks, "atts": self.atts,
                         "digest": self.digest},
        }


def header_line(key: SigningKey, header: BundleHeader) -> bytes:
    payload_bytes = canonical.encode(header.payload())
    signed = {"bundle": payload_bytes.decode("utf-8"),
              "sig": b64url_encode(key.sign(BUNDLE_CONTEXT, payload_bytes))}
    return orjson.dumps(signed) + b"\n"


def _heads(value, name):
    if not isinstance(value, dict):
        raise BundleError(f"the header's {name} must be an object")
    heads = {}
    for author, head in value.items():
        if not (HEX_ID.match(author) and isinstance(head, list) and len(head) == 2
                and isinstance(head[0], int) and not isinstance(head[0], bool) and head[0] >= 1
                and isinstance(head[1], str) and HEX_ID.match(head[1])):
            raise BundleError(f"the header's {name} must map author keys to [seq, id]")
        heads[author] = (head[0], head[1])
    return heads


def parse_header(raw: bytes) -> BundleHeader:
    """Check the header line's shape and the sending node's signature."""
    try:
        signed = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise BundleError("this is not a Commoning bundle (the first line is not JSON)") from error
    if not isinstance(signed, dict) or set(signed) != {"bundle", "sig"} or not isinstance(
        signed["bundle"], str
    ):
        raise BundleError("this is not a Commoning bundle (no signed header)")
    payload_bytes = signed["bundle"].encode("utf-8")
    try:
        payload = canonical.decode(payload_bytes)
    except canonical.CanonicalError as error:
        raise BundleError(f"the bundle header is not canonical JSON: {error}") from error
    keys = {"v", "net", "node", "ts", "for_node", "assumed", "acks", "forks_acked", "contains"}
    if not isinstance(payload, dict) or set(payload) != keys:
        raise BundleError("the bundle header has missing or unknown fields")
    if payload["v"] != BUNDLE_VERSION:
        raise BundleError(f"unsupported bundle version {payload['v']!r}")
    for name in ("net", "node"):
        if not (isinstance(payload[name], str) and HEX_ID.match(payload[name])):
            raise BundleError(f"the bundle header's {name} must be 64 hex characters")
    if not (payload["for_node"] == "" or (isinstance(payload["for_node"], str)
                                         and HEX_ID.match(payload["for_node"]))):
        raise BundleError("the bundle header's for_node must be empty or a node key")
    contains = payload["contains"]
    if not (isinstance(contains, dict) and set(contains) == {"entries", "forks", "atts", "digest"}
            and all(isinstance(contains[k], int) and not isinstance(contains[k], bool)
                    and contains[k] >= 0 for k in ("entries", "forks", "atts"))
            and isinstance(contains["digest"], str) and HEX_ID.match(contains["digest"])):
        raise BundleError("the bundle header's contents summary is malformed")
    forks_acked = payload["forks_acked"]
    if not (isinstance(forks_acked, list) and all(
        isinstance(k, str) and len(k) == FORK_KEY_LENGTH for k in forks_acked
    )):
        raise BundleError("the bundle header's forks_acked must list fork keys")
    try:
        verify(payload["node"], BUNDLE_CONTEXT, payload_bytes, b64url_decode(signed["sig"]))
    except SignatureError as error:
        raise BundleError(f"the bundle header's signature is not valid ({error}): "
                          "the file was altered or forged") from error
    return BundleHeader(
        net=payload["net"], node=payload["node"], ts=payload["ts"], for_node=payload["for_node"],
        assumed=_heads(payload["assumed"], "assumed"), acks=_heads(payload["acks"], "acks"),
        forks_acked=tuple(forks_acked), entries=contains["entries"], forks=contains["forks"],
        atts=contains["atts"], digest=contains["digest"],
    )


# -- reading a bundle as a stream ---------------------------------------------------------------
def open_bundle(handle, *, deadline=None):
    """(header, body lines) of a bundle file: the header is checked here; the body lines are
    read as they are consumed, within the bundle limits (commoning.core.limits), each one a
    bytes line or a LongLine. Raises BundleError for a missing or forged header."""
    stream = bounded.gunzipped(handle)
    lines = bounded.lines(stream.read, max_total=limits.MAX_BUNDLE_BYTES, deadline=deadline,
                          first_line_limit=MAX_HEADER_BYTES)
    try:
        header_raw = next(lines, b"")
    except (bounded.Corrupt, bounded.TooLarge) as error:
        raise BundleError(f"the bundle file is truncated or corrupted ({error})") from error
    if isinstance(header_raw, bounded.LongLine):
        raise BundleError("this is not a Commoning bundle (the first line is too long)")
    if not header_raw.strip():
        raise BundleError("the bundle is empty")
    return parse_header(header_raw), lines


class BodyCheck:
    """Counts a bundle body's lines by kind and digests them, to compare with its header."""

    def __init__(self):
        self.digest = hashlib.sha256()
        self.counts = {"entry": 0, "fork": 0, "att": 0}

    def add(self, raw: bytes) -> None:
        self.digest.update(raw)
        kind = raw[2:raw.find(b'"', 2)].decode("ascii", "replace")
        if kind in self.counts:
            self.counts[kind] += 1

    def problem(self, header: BundleHeader) -> str | None:
        """Why the body does not match the signed header, or None if it does."""
        counts = (self.counts["entry"], self.counts["fork"], self.counts["att"])
        if counts != (header.entries, header.forks, header.atts):
            return ("the bundle does not hold what its header says "
                    f"({counts[0]} entries, {counts[1]} fork proofs, {counts[2]} attachments; "
                    f"the header says {header.entries}, {header.forks}, {header.atts})")
        if self.digest.hexdigest() != header.digest:
            return "the bundle's contents do not match its signed header: it was altered"
        return None


@dataclass
class VerifiedBundle:
    """Everything in a bundle, checked: for tests and tools that look inside a small bundle.
    Import never builds one; it streams the lines through the log's ingest."""

    header: BundleHeader
    forks: list = field(default_factory=list)  # ForkItem
    entries: list = field(default_factory=list)  # Entry
    atts: list = field(default_factory=list)  # AttItem


def read_bundle(handle) -> VerifiedBundle:
    """Read and check every line of a (small) bundle; BundleError names the first problem."""
    header, lines = open_bundle(handle)
    bundle, check = VerifiedBundle(header), BodyCheck()
    try:
        for number, raw in enumerate(lines, start=2):
            if isinstance(raw, bounded.LongLine) or not raw.endswith(b"\n"):
                raise BundleError(f"line {number} is too long or cut short")
            check.add(raw)
            try:
                item = parse_line(raw)
            except EntryError as error:
                raise BundleError(f"line {number} is invalid: {error}") from error
            kind = bundle.entries if isinstance(item, Entry) else \
                bundle.forks if isinstance(item, ForkItem) else bundle.atts
            kind.append(item)
    except (bounded.Corrupt, bounded.TooLarge) as error:
        raise BundleError(f"the bundle file is truncated or corrupted ({error})") from error
    problem = check.problem(header)
    if problem:
        raise BundleError(problem)
    return bundle
