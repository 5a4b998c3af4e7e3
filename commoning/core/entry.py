"""Log entries, format version 1 (architecture, section 4): build, sign, parse and check envelopes.

An entry is payload bytes plus signatures. The payload bytes are kept verbatim from the moment
they are signed; nothing here re-encodes a payload that came from outside before verifying it.
"""

import hashlib
import re
from dataclasses import dataclass, field

import orjson

from commoning.core import canonical
from commoning.core.signing import (
    ENTRY_CONTEXT,
    SignatureError,
    SigningKey,
    b64url_decode,
    b64url_encode,
    verify,
)

FORMAT_VERSION = 1
MAX_PAYLOAD_BYTES = 64 * 1024
MAX_DEPS = 16
MAX_SIGNATURES = 16
# \Z, not $: "$" also matches before a final newline, so "<64 hex>\n" would pass as an id.
HEX_ID = re.compile(r"^[0-9a-f]{64}\Z")
TYPE_NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*\Z")
PAYLOAD_KEYS = {"v", "net", "author", "seq", "prev", "deps", "ts", "type", "data"}
OPTIONAL_PAYLOAD_KEYS = {"att"}
ALL_PAYLOAD_KEYS = PAYLOAD_KEYS | OPTIONAL_PAYLOAD_KEYS
ENVELOPE_KEYS = {"payload", "sigs"}


class EntryError(ValueError):
    """An envelope or payload breaks the log format; `reason` says which rule, for people."""


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _fail(message: str):
    raise EntryError(message)


def _is_count(value) -> bool:
    """An int that is not a bool (JSON has no such distinction; Python does)."""
    return isinstance(value, int) and not isinstance(value, bool)


def check_payload_shape(payload: dict) -> None:
    """Check every structural rule of a payload that needs no other entry."""
    if not isinstance(payload, dict):
        _fail("payload must be a JSON object")
    # Every checked envelope comes through here: the usual keys are one comparison, and the
    # sets of missing and unknown ones are worked out only to say what is wrong.
    keys = payload.keys()
    if keys != PAYLOAD_KEYS and keys != ALL_PAYLOAD_KEYS:
        missing = PAYLOAD_KEYS - keys
        if missing:
            _fail(f"payload is missing {', '.join(sorted(missing))}")
        extra = keys - ALL_PAYLOAD_KEYS
        if extra:
            _fail(f"payload has unknown fields {', '.join(sorted(extra))}")
    if payload["v"] != FORMAT_VERSION or isinstance(payload["v"], bool):
        _fail(f"unsupported format version {payload['v']!r}")
    net, author, seq, prev = payload["net"], payload["author"], payload["seq"], payload["prev"]
    if net is not None and not (isinstance(net, str) and HEX_ID.match(net)):
        _fail("net must be null or a 64-character hex id")
    if not (isinstance(author, str) and HEX_ID.match(author)):
        _fail("author must be a 64-character hex public key")
    if not _is_count(seq) or seq < 1:
        _fail("seq must be an integer >= 1")
    if net is None and seq != 1:
        _fail("only a genesis entry (seq 1) may have a null net")
    if (prev is None) != (seq == 1):
        _fail("prev must be null exactly when seq is 1")
    if prev is not None and not (isinstance(prev, str) and HEX_ID.match(prev)):
        _fail("prev must be a 64-character hex id")
    deps = payload["deps"]
    if not isinstance(deps, list) or len(deps) > MAX_DEPS:
        _fail(f"deps must be a list of at most {MAX_DEPS} ids")
    if deps:
        if not all(isinstance(dep, str) and HEX_ID.match(dep) for dep in deps):
            _fail("every dep must be a 64-character hex id")
        if deps != sorted(set(deps)):
            _fail("deps must be sorted and unique")
    ts = payload["ts"]
    if not _is_count(ts) or ts < 0:
        _fail("ts must be a non-negative integer of milliseconds")
    if not (isinstance(payload["type"], str) and TYPE_NAME.match(payload["type"])):
        _fail("type must look like 'app.name'")
    if not isinstance(payload["data"], dict):
        _fail("data must be a JSON object")
    if "att" in payload:
        att = payload["att"]
        if (
            not isinstance(att, dict)
            or set(att) != {"hash", "size"}
            or not (isinstance(att["hash"], str) and HEX_ID.match(att["hash"]))
            or not _is_count(att["size"])
            or att["size"] < 0
        ):
            _fail("att must be {hash: 64 hex, size: integer >= 0}")


@dataclass(frozen=True, slots=True)
class Entry:
    """A verified entry: its exact payload bytes, parsed payload, id and signatures.

    The payload's fields are copied onto the entry once, when it is made: ingest reads them
    dozens of times per entry, and a property per read cost more than the copy.
    """

    payload_bytes: bytes
    payload: dict = field(compare=False, repr=False)
    id: str
    sigs: tuple  # ((signer_hex, signature_b64url), ...), author's first
    net: str | None = field(init=False, compare=False, repr=False)
    author: str = field(init=False, compare=False, repr=False)
    seq: int = field(init=False, compare=False, repr=False)
    prev: str | None = field(init=False, compare=False, repr=False)
    deps: list = field(init=False, compare=False, repr=False)
    ts: int = field(init=False, compare=False, repr=False)
    type: str = field(init=False, compare=False, repr=False)
    data: dict = field(init=False, compare=False, repr=False)
    att: dict | None = field(init=False, compare=False, repr=False)
    # The network this entry belongs to: its own id for a genesis entry.
    network_id: str = field(init=False, compare=False, repr=False)

    def __post_init__(self):
        payload, put = self.payload, object.__setattr__
        put(self, "net", payload["net"])
        put(self, "author", payload["author"])
        put(self, "seq", payload["seq"])
        put(self, "prev", payload["prev"])
        put(self, "deps", payload["deps"])
        put(self, "ts", payload["ts"])
        put(self, "type", payload["type"])
        put(self, "data", payload["data"])
        put(self, "att", payload.get("att"))
        put(self, "network_id", payload["net"] if payload["net"] is not None else self.id)

    def envelope(self) -> dict:
        """The transmitted form: the payload as a JSON string, kept byte for byte."""
        return {"payload": self.payload_bytes.decode("utf-8"), "sigs": [list(s) for s in self.sigs]}

    def envelope_bytes(self) -> bytes:
        return orjson.dumps(self.envelope())


def build(
    key: SigningKey,
    *,
    net,
    seq: int,
    prev,
    ts: int,
    type: str,
    data: dict,
    deps=(),
    att=None,
    cosigners=(),
) -> Entry:
    """Build, sign and return a new entry (the author's key signs first)."""
    payload = {
        "v": FORMAT_VERSION,
        "net": net,
        "author": key.public_hex,
        "seq": seq,
        "prev": prev,
        "deps": sorted(set(deps)),
        "ts": ts,
        "type": type,
        "data": data,
    }
    if att is not None:
        payload["att"] = att
    check_payload_shape(payload)
    try:
        payload_bytes = canonical.encode(payload)
    except canonical.CanonicalError as error:
        raise EntryError(f"payload is not canonical: {error}") from error
    if len(payload_bytes) > MAX_PAYLOAD_BYTES:
        raise EntryError(f"payload is {len(payload_bytes)} bytes; the limit is {MAX_PAYLOAD_BYTES}")
    sigs = tuple(
        (signer.public_hex, b64url_encode(signer.sign(ENTRY_CONTEXT, payload_bytes)))
        for signer in (key, *cosigners)
    )
    return Entry(payload_bytes, payload, sha256_hex(payload_bytes), sigs)


def parse(payload_bytes: bytes, sigs) -> Entry:
    """Check an entry from outside: size, canonical form, shape and every signature."""
    payload, checked_sigs = _checked_parts(payload_bytes, sigs)
    return Entry(payload_bytes, payload, sha256_hex(payload_bytes), checked_sigs)


def _checked_parts(payload_bytes: bytes, sigs) -> tuple[dict, tuple]:
    """(payload, sigs) once every check of `parse` has passed; raise EntryError if one fails.

    The worker of a large ingest needs only the verdict, so building the Entry (and hashing
    its id) is left to `parse`.
    """
    if not isinstance(payload_bytes, bytes):
        raise EntryError("payload must be bytes")
    if len(payload_bytes) > MAX_PAYLOAD_BYTES:
        raise EntryError(f"payload is {len(payload_bytes)} bytes; the limit is {MAX_PAYLOAD_BYTES}")
    try:
        payload = canonical.decode(payload_bytes)
    except canonical.CanonicalError as error:
        raise EntryError(f"payload is not canonical JSON: {error}") from error
    check_payload_shape(payload)
    if not isinstance(sigs, list | tuple) or not 1 <= len(sigs) <= MAX_SIGNATURES:
        raise EntryError(f"sigs must list 1 to {MAX_SIGNATURES} signatures")
    checked = []
    seen_signers = set()
    for pair in sigs:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise EntryError("each signature must be [signer_pubkey_hex, signature_b64url]")
        signer, signature_text = pair
        # Checked before the set look-up below: a list or object as signer is unhashable.
        if not isinstance(signer, str) or not isinstance(signature_text, str):
            raise EntryError("each signature must be [signer_pubkey_hex, signature_b64url]")
        if not checked and signer != payload["author"]:
            raise EntryError("the author's signature must come first")
        if signer in seen_signers:
            raise EntryError("a key signed twice")
        seen_signers.add(signer)
        checked.append((signer, signature_text))
    for position, (signer, signature_text) in enumerate(checked):
        try:
            verify(signer, ENTRY_CONTEXT, payload_bytes, b64url_decode(signature_text))
        except SignatureError as error:
            raise EntryError(f"signature {position} by {str(signer)[:12]}…: {error}") from error
    return payload, tuple(checked)


def checked_digest(checked: list[tuple[bytes, tuple]]) -> str:
    """A digest of exactly which (payload bytes, sigs) passed every check, in order.

    A worker that checks envelopes for a large ingest sends it with its verdicts; the ingesting
    process builds entries from its own copy of the bytes only if they give the same digest,
    so no entry is ever built from bytes other than those that were checked.
    """
    digest = hashlib.sha256()
    for payload_bytes, sigs in checked:
        sigs_bytes = orjson.dumps(sigs)
        digest.update(len(payload_bytes).to_bytes(4, "big") + payload_bytes)
        digest.update(len(sigs_bytes).to_bytes(4, "big") + sigs_bytes)
    return digest.hexdigest()


def envelope_problems(envelopes) -> tuple[list, str]:
    """For each envelope: None if parse_envelope accepts it, else the reason it refuses it;
    and the checked_digest of the accepted ones."""
    problems, checked = [], []
    for envelope in envelopes:
        try:
            payload_bytes, sigs = _envelope_parts(envelope)
            checked_sigs = _checked_parts(payload_bytes, sigs)[1]
        except EntryError as error:
            problems.append(str(error))
        else:
            problems.append(None)
            checked.append((payload_bytes, checked_sigs))
    return problems, checked_digest(checked)


def entries_checked_elsewhere(envelopes: list, digest: str) -> list[Entry] | None:
    """Entries of envelopes another process accepted, built from this process's own bytes
    only if those are the bytes it checked (their checked_digest is `digest`); else None, and
    the caller checks them itself."""
    parts = []
    try:
        for envelope in envelopes:
            payload_bytes, sigs = _envelope_parts(envelope)
            parts.append((payload_bytes, tuple((signer, signature) for signer, signature in sigs)))
    except (EntryError, TypeError, ValueError):
        return None
    if checked_digest(parts) != digest:
        return None
    return [Entry(payload_bytes, orjson.loads(payload_bytes), sha256_hex(payload_bytes), sigs)
            for payload_bytes, sigs in parts]


def parse_envelope(envelope) -> Entry:
    """Parse the transmitted form {payload: "<json text>", sigs: [...]}."""
    return parse(*_envelope_parts(envelope))


def envelope_verdict(envelope) -> Entry | str:
    """The Entry if parse_envelope accepts the envelope, else the reason it refuses it."""
    try:
        return parse_envelope(envelope)
    except EntryError as error:
        return str(error)


def _envelope_parts(envelope) -> tuple[bytes, list]:
    if isinstance(envelope, bytes | str):
        try:
            envelope = orjson.loads(envelope)
        except orjson.JSONDecodeError as error:
            raise EntryError(f"envelope is not JSON: {error}") from error
    if not isinstance(envelope, dict) or envelope.keys() != ENVELOPE_KEYS:
        raise EntryError("envelope must be an object with exactly 'payload' and 'sigs'")
    if not isinstance(envelope["payload"], str):
        raise EntryError("envelope payload must be a JSON string holding the payload bytes")
    try:
        payload_bytes = envelope["payload"].encode("utf-8")
    except UnicodeEncodeError as error:
        raise EntryError("envelope payload is not valid UTF-8") from error
    return payload_bytes, envelope["sigs"]

