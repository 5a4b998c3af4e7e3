"""Public keys that are not large-order curve points are refused before any verification."""

import pytest

from commoning.core import signing
from commoning.core.tests import edwards
from commoning.core.tests.rfc8032 import VECTORS

# The eight encodings of points of order 1, 2, 4 and 8 (libsodium's blocklist).
SMALL_ORDER_KEYS = {
    "identity (order 1)": "01" + "00" * 31,
    "order 2": "ec" + "ff" * 30 + "7f",
    "order 4, all zero": "00" * 32,
    "order 4, sign bit": "00" * 31 + "80",
    "order 8 (a)": "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "order 8 (b)": "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "order 8 (c)": "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "order 8 (d)": "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
}
MALFORMED_KEYS = {
    "upper-case hex": VECTORS["TEST 1"][1].upper(),
    "too short": VECTORS["TEST 1"][1][:62],
    "too long": VECTORS["TEST 1"][1] + "00",
    "trailing newline": VECTORS["TEST 1"][1][:63] + "\n",
    "not hex": "zz" * 32,
    "not on the curve": "02" + "00" * 31,
    "y not reduced (y = p)": "ed" + "ff" * 30 + "7f",
    "not text": b"\x01" * 32,
}


@pytest.mark.parametrize("encoding", SMALL_ORDER_KEYS.values(), ids=SMALL_ORDER_KEYS.keys())
def test_the_small_order_keys_really_are_small_order_points(encoding):
    point = edwards.decode_point(bytes.fromhex(encoding))
    assert point is not None
    assert edwards.times_eight(point) == edwards.IDENTITY


@pytest.mark.parametrize("encoding", SMALL_ORDER_KEYS.values(), ids=SMALL_ORDER_KEYS.keys())
def test_it_rejects_small_order_public_keys(encoding):
    with pytest.raises(signing.SignatureError, match="large order"):
        signing.public_key_bytes(encoding)


@pytest.mark.parametrize("encoding", SMALL_ORDER_KEYS.values(), ids=SMALL_ORDER_KEYS.keys())
def test_it_verifies_nothing_under_a_small_order_key(encoding):
    # With the identity as key, (R = identity, S = 0) satisfies the bare verification equation.
    forged = bytes.fromhex("01" + "00" * 31) + bytes(32)
    with pytest.raises(signing.SignatureError):
        signing.verify(encoding, signing.ENTRY_CONTEXT, b"anything", forged)


@pytest.mark.parametrize("encoding", MALFORMED_KEYS.values(), ids=MALFORMED_KEYS.keys())
def test_it_rejects_malformed_public_keys(encoding):
    with pytest.raises(signing.SignatureError):
        signing.public_key_bytes(encoding)


@pytest.mark.parametrize("name", VECTORS)
def test_it_accepts_the_vector_public_keys(name):
    public = VECTORS[name][1]
    assert edwards.times_eight(edwards.decode_point(bytes.fromhex(public))) != edwards.IDENTITY
    assert signing.public_key_bytes(public) == bytes.fromhex(public)


@pytest.mark.parametrize("encoding", SMALL_ORDER_KEYS.values(), ids=SMALL_ORDER_KEYS.keys())
def test_it_keeps_rejecting_a_weak_key_after_good_keys_were_remembered(encoding):
    _seed, public, message, signature = VECTORS["TEST 1"]
    for _ in range(2):
        signing.verify(public, b"", bytes.fromhex(message), bytes.fromhex(signature))
        with pytest.raises(signing.SignatureError, match="large order"):
            signing.verify(encoding, b"", bytes.fromhex(message), bytes.fromhex(signature))


@pytest.mark.parametrize("key", [None, 7, ["a"], b"\x01" * 32])
def test_it_rejects_a_public_key_that_is_not_text(key):
    with pytest.raises(signing.SignatureError, match="64 lowercase hex"):
        signing.verify(key, b"", b"", bytes(64))
