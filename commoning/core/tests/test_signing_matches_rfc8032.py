"""commoning.core.signing reproduces RFC 8032's Ed25519 vectors and checks them strictly."""

import pytest

from commoning.core import signing
from commoning.core.tests.rfc8032 import VECTORS

L = 2**252 + 27742317777372353535851937790883648493  # the order of the base point


@pytest.mark.parametrize("name", VECTORS)
def test_it_derives_the_vector_public_key(name):
    seed, public, _message, _signature = VECTORS[name]
    assert signing.SigningKey(bytes.fromhex(seed)).public_hex == public


@pytest.mark.parametrize("name", VECTORS)
def test_it_signs_exactly_as_the_vector_says(name):
    seed, _public, message, signature = VECTORS[name]
    key = signing.SigningKey(bytes.fromhex(seed))
    assert key.sign(b"", bytes.fromhex(message)).hex() == signature


@pytest.mark.parametrize("name", VECTORS)
def test_it_accepts_the_vector_signature(name):
    _seed, public, message, signature = VECTORS[name]
    signing.verify(public, b"", bytes.fromhex(message), bytes.fromhex(signature))


@pytest.mark.parametrize("name", VECTORS)
@pytest.mark.parametrize("position", [0, 31, 32, 63])
def test_it_rejects_the_vector_signature_with_one_bit_changed(name, position):
    _seed, public, message, signature = VECTORS[name]
    modified = bytearray.fromhex(signature)
    modified[position] ^= 0x01
    with pytest.raises(signing.SignatureError, match="does not verify"):
        signing.verify(public, b"", bytes.fromhex(message), bytes(modified))


@pytest.mark.parametrize("name", VECTORS)
def test_it_rejects_the_vector_signature_over_another_message(name):
    _seed, public, message, signature = VECTORS[name]
    with pytest.raises(signing.SignatureError):
        signing.verify(public, b"", bytes.fromhex(message) + b"\x00", bytes.fromhex(signature))


def test_it_rejects_a_malleated_signature_whose_scalar_is_not_reduced():
    # S + L verifies under a lax check; RFC 8032 (and libsodium) demand S < L.
    _seed, public, message, signature = VECTORS["TEST 1"]
    raw = bytes.fromhex(signature)
    scalar = int.from_bytes(raw[32:], "little") + L
    malleated = raw[:32] + scalar.to_bytes(32, "little")
    with pytest.raises(signing.SignatureError):
        signing.verify(public, b"", bytes.fromhex(message), malleated)


def test_it_signs_under_a_context_that_another_context_cannot_reuse():
    key = signing.SigningKey(bytes(32))
    signature = key.sign(signing.ENTRY_CONTEXT, b"payload")
    signing.verify(key.public_hex, signing.ENTRY_CONTEXT, b"payload", signature)
    for other in (signing.FRONTIER_CONTEXT, signing.BUNDLE_CONTEXT, b""):
        with pytest.raises(signing.SignatureError):
            signing.verify(key.public_hex, other, b"payload", signature)


def test_it_rejects_signatures_of_the_wrong_length():
    _seed, public, message, signature = VECTORS["TEST 1"]
    for raw in (bytes.fromhex(signature)[:63], bytes.fromhex(signature) + b"\x00", b""):
        with pytest.raises(signing.SignatureError, match="64 bytes"):
            signing.verify(public, b"", bytes.fromhex(message), raw)
