"""Ed25519 keys and signatures, through PyNaCl (libsodium) only (architecture, section 4).

Every signature is made over a context prefix plus the message, so an entry signature can never
be replayed as a frontier or bundle signature and the other way round.
"""

import binascii
import functools

import nacl.bindings
import nacl.exceptions
import nacl.signing

ENTRY_CONTEXT = b"commoning/entry/v1\x00"
FRONTIER_CONTEXT = b"commoning/frontier/v1\x00"
BUNDLE_CONTEXT = b"commoning/bundle/v1\x00"

PUBLIC_KEY_HEX_LENGTH = 64


class SignatureError(ValueError):
    """A key or signature is malformed, weak, or does not verify."""


# base64url differs from standard base64 only in these two characters. Going straight to
# binascii skips base64.urlsafe_*'s wrappers, which cost more than the decoding itself.
_FROM_URLSAFE = bytes.maketrans(b"-_", b"+/")
_TO_URLSAFE = bytes.maketrans(b"+/", b"-_")


def b64url_encode(raw: bytes) -> str:
    return binascii.b2a_base64(raw, newline=False).translate(_TO_URLSAFE).rstrip(b"=").decode(
        "ascii"
    )


def b64url_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text or "=" in text or not text.isascii():
        raise SignatureError("signature must be unpadded base64url text")
    encoded = text.encode("ascii")
    try:
        raw = binascii.a2b_base64(
            encoded.translate(_FROM_URLSAFE) + b"=" * (-len(encoded) % 4), strict_mode=True
        )
    except binascii.Error as error:
        raise SignatureError("signature is not valid base64url") from error
    # Only one text may stand for a signature: no standard-base64 characters, no stray bits.
    if binascii.b2a_base64(raw, newline=False).translate(_TO_URLSAFE).rstrip(b"=") != encoded:
        raise SignatureError("signature base64url is not in canonical form")
    return raw


class SigningKey:
    """A device or node key: holds the 32-byte seed, signs with a context prefix."""

    def __init__(self, seed: bytes):
        self._key = nacl.signing.SigningKey(seed)

    @classmethod
    def generate(cls) -> "SigningKey":
        return cls(bytes(nacl.signing.SigningKey.generate()))

    @property
    def seed(self) -> bytes:
        return bytes(self._key)

    @property
    def public_hex(self) -> str:
        return bytes(self._key.verify_key).hex()

    def sign(self, context: bytes, message: bytes) -> bytes:
        return self._key.sign(context + message).signature


def public_key_bytes(public_hex: str) -> bytes:
    """Decode and vet a public key: 64 lowercase hex chars, a valid point, not small-order."""
    if (
        not isinstance(public_hex, str)
        or len(public_hex) != PUBLIC_KEY_HEX_LENGTH
        or public_hex != public_hex.lower()
    ):
        raise SignatureError("public key must be 64 lowercase hex characters")
    try:
        raw = bytes.fromhex(public_hex)
    except ValueError as error:
        raise SignatureError("public key is not hex") from error
    # libsodium's point check rejects non-canonical encodings and small-order points, which
    # would otherwise let one signature verify for many messages.
    if not nacl.bindings.crypto_core_ed25519_is_valid_point(raw):
        raise SignatureError("public key is not a valid Ed25519 point of large order")
    return raw


@functools.lru_cache(maxsize=8192)
def _verified_key(public_hex: str) -> bytes:
    # The point check costs almost as much as a verify, and a feed repeats its key on every
    # entry. Only keys that pass are cached (a raising call is not), so this changes no answer.
    return public_key_bytes(public_hex)


def verify(public_hex: str, context: bytes, message: bytes, signature: bytes) -> None:
    """Raise SignatureError unless `signature` by `public_hex` covers context + message."""
    if not isinstance(public_hex, str):
        public_key_bytes(public_hex)  # raises, with the reason
    key = _verified_key(public_hex)
    if not isinstance(signature, bytes) or len(signature) != nacl.bindings.crypto_sign_BYTES:
        raise SignatureError("signature must be 64 bytes")
    try:
        # PyNaCl's binding, without VerifyKey.verify's wrapping of the same call.
        nacl.bindings.crypto_sign_open(signature + context + message, key)
    except nacl.exceptions.BadSignatureError as error:
        raise SignatureError("signature does not verify") from error
