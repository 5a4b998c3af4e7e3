"""The tally digest: SHA-256 of the canonical JSON of a normalised decision and its outcome.

Two nodes (or a node and anyone with the exported file) compare tallies by this digest. The
encoding is RFC 8785 for the values a tally holds: integers, strings, booleans, null, lists
and objects. Unlike an entry payload (commoning.core.canonical), an object key here may be any
string, since option ids key the counts; RFC 8785 orders such keys by their UTF-16 code units.
"""

import hashlib

import orjson

from commoning.core.canonical import MAX_SAFE_INTEGER


def _utf16_key(key: str) -> bytes:
    return key.encode("utf-16-be")


def _ordered(value):
    """The same value with every object's keys in RFC 8785 order (orjson keeps insertion)."""
    kind = type(value)
    if kind is dict:
        return {key: _ordered(value[key]) for key in sorted(value, key=_utf16_key)}
    if kind is list or kind is tuple:
        return [_ordered(item) for item in value]
    if kind is int and not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
        raise ValueError(f"integer {value} is outside ±(2^53-1)")
    if kind is float:
        raise ValueError("a tally holds no floats; fractions are written as 'num/den' strings")
    return value


def canonical_bytes(value) -> bytes:
    """RFC 8785 bytes of `value` (integers only)."""
    return orjson.dumps(_ordered(value))


def tally_digest(normalised_decision: dict, outcome_without_digest: dict) -> str:
    """Hex SHA-256 over {"decision": ..., "outcome": ...} in canonical JSON."""
    document = {"decision": normalised_decision, "outcome": outcome_without_digest}
    if all(max(option) < "\ue000"
           for option in normalised_decision["options"]):
        # Every key of a tally is an ASCII field name or an option id. Below U+E000, code
        # point order (orjson's) and UTF-16 order (RFC 8785's) agree, so orjson may sort the
        # keys itself, in C, instead of _ordered walking every ballot in Python; the values
        # were checked on the way in (integers within range, no floats).
        raw = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    else:
        raw = canonical_bytes(document)
    return hashlib.sha256(raw).hexdigest()
