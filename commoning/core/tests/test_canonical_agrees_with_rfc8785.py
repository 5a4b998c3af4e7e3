"""Canonical encoding is RFC 8785 (the `rfc8785` package is the oracle) on every allowed value."""

import rfc8785
from hypothesis import given

from commoning.core import canonical
from commoning.core.entry import build
from commoning.core.signing import SigningKey
from commoning.core.tests.strategies import json_objects, json_values


@given(json_values)
def test_it_encodes_every_allowed_value_as_rfc8785_does(value):
    assert canonical.encode(value) == rfc8785.dumps(value)


@given(json_objects)
def test_it_decodes_its_own_bytes_back_to_the_same_value(value):
    raw = canonical.encode(value)
    assert canonical.decode(raw) == value


@given(json_objects)
def test_it_encodes_entry_payloads_as_rfc8785_does(data):
    key = SigningKey(bytes(range(32)))
    entry = build(
        key,
        net="ab" * 32,
        seq=3,
        prev="cd" * 32,
        ts=1_700_000_000_000,
        type="commons.update",
        data=data,
        deps=["ef" * 32, "01" * 32],
        att={"hash": "23" * 32, "size": 12},
    )
    assert entry.payload_bytes == rfc8785.dumps(entry.payload)


def test_it_escapes_control_characters_the_rfc8785_way():
    text = "tab\tnul\x00unit\x1fdel\x7fline\u2028quote\"slash/back\\"
    assert canonical.encode({"a": text}) == rfc8785.dumps({"a": text})
    assert b"\\u0000" in canonical.encode(text)
    assert b"\\t" in canonical.encode(text)


def test_it_writes_the_largest_safe_integers_exactly():
    edge = [canonical.MAX_SAFE_INTEGER, -canonical.MAX_SAFE_INTEGER, 0, -1]
    expected = b"[9007199254740991,-9007199254740991,0,-1]"
    assert canonical.encode(edge) == rfc8785.dumps(edge) == expected
