"""Flipping any one byte of a payload or a signature makes the entry refused, with a reason."""

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commoning.core.entry import EntryError, parse, parse_envelope
from commoning.core.tests.entries import sample_entry

ENTRY = sample_entry()
PAYLOAD = ENTRY.payload_bytes
SIGS = [list(pair) for pair in ENTRY.sigs]
masks = st.integers(min_value=1, max_value=255)


def refusal(call) -> str:
    """The reason `call` refuses with; any exception other than EntryError fails the test."""
    with pytest.raises(EntryError) as caught:
        call()
    reason = str(caught.value)
    assert reason.strip()
    return reason


def test_the_unflipped_entry_is_accepted():
    assert parse(PAYLOAD, SIGS) == ENTRY
    assert parse_envelope(ENTRY.envelope_bytes()) == ENTRY


@given(st.integers(min_value=0, max_value=len(PAYLOAD) - 1), masks)
def test_it_refuses_a_payload_with_any_byte_flipped(position, mask):
    flipped = bytearray(PAYLOAD)
    flipped[position] ^= mask
    refusal(lambda: parse(bytes(flipped), SIGS))


@given(st.integers(min_value=0, max_value=len(PAYLOAD) - 1), masks)
def test_it_refuses_an_envelope_whose_payload_text_has_any_byte_flipped(position, mask):
    flipped = bytearray(PAYLOAD)
    flipped[position] ^= mask
    # Invalid UTF-8 survives as lone surrogates, as a careless peer might send it.
    text = bytes(flipped).decode("utf-8", errors="surrogateescape")
    refusal(lambda: parse_envelope({"payload": text, "sigs": SIGS}))


@given(st.integers(min_value=0, max_value=1), st.integers(min_value=0, max_value=63), masks)
def test_it_refuses_a_signature_with_any_byte_flipped(which, position, mask):
    raw = bytearray(base64.urlsafe_b64decode(SIGS[which][1] + "=="))
    raw[position] ^= mask
    sigs = [list(pair) for pair in SIGS]
    sigs[which][1] = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    assert "does not verify" in refusal(lambda: parse(PAYLOAD, sigs))


@given(st.integers(min_value=0, max_value=1), st.data())
def test_it_refuses_signature_text_with_any_character_changed(which, data):
    text = SIGS[which][1]
    position = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    replacement = data.draw(st.characters(codec="utf-8").filter(lambda c: c != text[position]))
    sigs = [list(pair) for pair in SIGS]
    sigs[which][1] = text[:position] + replacement + text[position + 1 :]
    # Includes changes to the last character's padding bits, which decode to the same bytes:
    # only the canonical base64url spelling is accepted.
    refusal(lambda: parse(PAYLOAD, sigs))


@given(st.integers(min_value=0, max_value=1), st.integers(min_value=0, max_value=63), masks)
def test_it_refuses_a_signer_key_with_any_hex_digit_changed(which, position, mask):
    sigs = [list(pair) for pair in SIGS]
    raw = bytearray.fromhex(sigs[which][0])
    raw[position // 2] ^= mask
    sigs[which][0] = raw.hex()
    refusal(lambda: parse(PAYLOAD, sigs))
