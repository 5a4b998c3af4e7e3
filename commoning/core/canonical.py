"""Canonical JSON for entry payloads (architecture, section 4).

The canonical form is RFC 8785 restricted to what our payloads need: integers only (no floats),
|n| < 2**53, object keys of [a-z0-9_], NFC strings, no duplicate keys. Under those restrictions,
orjson with sorted keys produces exactly the RFC 8785 bytes (the `rfc8785` package checks that in
the tests), so encoding is fast and decoding is "parse, re-encode, demand the same bytes".
"""

import re
import unicodedata

import orjson

MAX_SAFE_INTEGER = 2**53 - 1
# \Z, not $: "$" also matches before a final newline, which would let "key\n" through.
KEY_PATTERN = re.compile(r"[a-z0-9_]+\Z")
# Deeper nesting is refused as a format rule, so the check below can never hit Python's
# recursion limit (orjson parses up to 1024 levels) and every node draws the line at one place.
MAX_NESTING = 64


class CanonicalError(ValueError):
    """The value or bytes are not canonical JSON as the log requires."""


_KEYS_SEEN: set = set()  # keys that matched KEY_PATTERN: payloads repeat the same few


def _allowed(value, depth: int) -> bool:
    """The fast test behind check_value: no paths, no messages, exact types only.

    Whenever it says no, check_value asks _explain, which decides and says why; so this may
    be stricter than the rules (a str subclass), never looser. Strings and integers inside
    an object are tested inline rather than by a call each: this runs on every envelope an
    ingest checks, and the calls were most of its cost.
    """
    kind = type(value)
    if kind is str:
        return value.isascii() or unicodedata.is_normalized("NFC", value)
    if kind is int:
        return -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER
    if value is None or kind is bool:
        return True
    if depth >= MAX_NESTING:
        return False
    if kind is dict:
        for key, item in value.items():
            if key not in _KEYS_SEEN:
                if type(key) is not str or not KEY_PATTERN.match(key):
                    return False
                if len(_KEYS_SEEN) < 10_000:
                    _KEYS_SEEN.add(key)
            item_kind = type(item)
            if item_kind is str:
                if not (item.isascii() or unicodedata.is_normalized("NFC", item)):
                    return False
            elif item_kind is int:
                if not -MAX_SAFE_INTEGER <= item <= MAX_SAFE_INTEGER:
                    return False
            elif not (item is None or item_kind is bool or _allowed(item, depth + 1)):
                return False
        return True
    if kind is list:
        return all(_allowed(item, depth + 1) for item in value)
    return False


def check_value(value, path="$", depth=0):
    """Raise CanonicalError unless `value` is representable in canonical JSON.

    `depth` counts the arrays and objects around `value`.
    """
    if _allowed(value, depth):
        return
    _explain(value, path, depth)


def _explain(value, path, depth):
    if value is None or value is True or value is False:
        return
    if isinstance(value, int):
        if not -MAX_SAFE_INTEGER <= value <= MAX_SAFE_INTEGER:
            raise CanonicalError(f"{path}: integer {value} is outside ±(2^53-1)")
        return
    if isinstance(value, float):
        raise CanonicalError(f"{path}: floats are not allowed; use integers in minor units")
    if isinstance(value, str):
        if not unicodedata.is_normalized("NFC", value):
            raise CanonicalError(f"{path}: string is not in Unicode NFC form")
        return
    if isinstance(value, list | tuple | dict) and depth >= MAX_NESTING:
        raise CanonicalError(f"{path}: arrays and objects nested more than {MAX_NESTING} deep")
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _explain(item, f"{path}[{index}]", depth + 1)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not KEY_PATTERN.match(key):
                raise CanonicalError(f"{path}: key {key!r} must match [a-z0-9_]+")
            _explain(item, f"{path}.{key}", depth + 1)
        return
    raise CanonicalError(f"{path}: {type(value).__name__} is not a JSON value")


def encode(value) -> bytes:
    """Return the canonical bytes of `value`, after checking it is allowed."""
    check_value(value)
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError as error:  # e.g. lone surrogates
        raise CanonicalError(str(error)) from error


def decode(raw: bytes):
    """Parse canonical bytes; raise CanonicalError if they are not exactly canonical.

    Re-encoding and comparing catches whitespace, key order, escapes, floats written as
    integers ("1.0"), duplicate keys (the re-encoding is shorter) and non-NFC strings.
    """
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CanonicalError(f"not valid JSON: {error}") from error
    if encode(value) != raw:
        raise CanonicalError("bytes are not in canonical form (RFC 8785 / sorted keys)")
    return value
