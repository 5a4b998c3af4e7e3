"""decode() accepts only the exact canonical bytes: anything a second encoder might write is out."""

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commoning.core import canonical
from commoning.core.tests.strategies import json_objects

NON_CANONICAL = {
    "space after colon": b'{"a": 1}',
    "space after comma": b'{"a":1, "b":2}',
    "leading whitespace": b' {"a":1}',
    "trailing newline": b'{"a":1}\n',
    "unsorted keys": b'{"b":1,"a":2}',
    "duplicate keys": b'{"a":1,"a":1}',
    "duplicate keys, different values": b'{"a":1,"a":2}',
    "a float": b'{"a":1.5}',
    "an integral float": b'{"a":1.0}',
    "an exponent": b'{"a":1e2}',
    "minus zero": b'{"a":-0}',
    "2^53": b'{"a":9007199254740992}',
    "-2^53": b'{"a":-9007199254740992}',
    "a 64-bit integer": b'{"a":18446744073709551615}',
    "a huge integer": b'{"a":123456789012345678901234567890}',
    "a needless escape": b'{"a":"\\u0041"}',
    "an escaped slash": b'{"a":"\\/"}',
    "an upper-case hex escape": b'{"a":"\\u001F"}',
    "a long escape for a short one": b'{"a":"\\u000a"}',
    "a decomposed (non-NFC) string": '{"a":"e\u0301"}'.encode(),
    "a non-NFC key-value nested in a list": '{"a":["A\u030a"]}'.encode(),
    "an upper-case key": b'{"A":1}',
    "a key with a dash": b'{"a-b":1}',
    "a key ending in a newline": b'{"a\\n":1}',
    "an empty key": b'{"":1}',
    "invalid UTF-8": b'{"a":"\xff"}',
    "a lone surrogate escape": b'{"a":"\\ud800"}',
    "not JSON at all": b"{a:1}",
    "NaN": b'{"a":NaN}',
    "empty input": b"",
}


@pytest.mark.parametrize("raw", NON_CANONICAL.values(), ids=NON_CANONICAL.keys())
def test_it_refuses_bytes_that_are_not_canonical(raw):
    with pytest.raises(canonical.CanonicalError):
        canonical.decode(raw)


def test_it_refuses_nesting_deeper_than_the_limit_without_crashing():
    # orjson parses up to 1024 levels; the check must fail cleanly, not hit RecursionError.
    for depth in (canonical.MAX_NESTING + 1, 500, 1000):
        with pytest.raises(canonical.CanonicalError, match="nested"):
            canonical.decode(b"[" * depth + b"]" * depth)


def test_it_accepts_nesting_up_to_the_limit():
    depth = canonical.MAX_NESTING
    raw = b"[" * depth + b"]" * depth
    assert canonical.encode(canonical.decode(raw)) == raw


def test_it_refuses_to_encode_floats_and_big_integers():
    for value in ({"a": 1.0}, {"a": 2**53}, {"A": 1}, {"a": "e\u0301"}, {1: 2}, {"a": b"x"}):
        with pytest.raises(canonical.CanonicalError):
            canonical.encode(value)


@given(json_objects, st.data())
def test_it_refuses_canonical_bytes_with_whitespace_inserted(value, data):
    raw = canonical.encode(value)
    position = data.draw(st.integers(min_value=0, max_value=len(raw)))
    spaced = raw[:position] + data.draw(st.sampled_from([b"\n", b"\t", b"\r"])) + raw[position:]
    # Between tokens it is whitespace; inside a string a raw control character is invalid JSON
    # (canonical form escapes it); inside a number or literal it breaks the token. All must fail.
    with pytest.raises(canonical.CanonicalError):
        canonical.decode(spaced)


@given(json_objects.filter(lambda value: len(value) >= 2))
def test_it_refuses_objects_whose_keys_are_not_sorted(value):
    reordered = dict(reversed(sorted(value.items())))
    with pytest.raises(canonical.CanonicalError):
        canonical.decode(orjson.dumps(reordered))
