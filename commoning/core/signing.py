"""Ed25519 keys and signatures, through PyNaCl (libsodium) only (DESIGN section 3).

Every signature is made over a context prefix plus the message, so an entry signature can never
be replayed as a frontier or bundle signature and the other way round.
"""

import base64
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


def b64url_encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    if not isinstance(text, str) or not text or "=" in text:
        raise SignatureError("signature must be unpadded base64url text")
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as error:
        raise SignatureError("signature is not valid base64url") from error
    if b64url_encode(raw) != text:
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
def _verify_key(public_hex: str) -> nacl.signing.VerifyKey:
    # The point check costs almost as much as a verify, and a feed repeats its key on every
    # entry. Only keys that pass are cached (a raising call is not), so this changes no answer.
    return nacl.signing.VerifyKey(public_key_bytes(public_hex))


def verify(public_hex: str, context: bytes, message: bytes, signature: bytes) -> None:
    """Raise SignatureError unless `signature` by `public_hex` covers context + message."""
    if not isinstance(public_hex, str):
        public_key_bytes(public_hex)  # raises, with the reason
    verify_key = _verify_key(public_hex)
    if not isinstance(signature, bytes) or len(signature) != nacl.bindings.crypto_sign_BYTES:
        raise SignatureError("signature must be 64 bytes")
    try:
        verify_key.verify(context + message, signature)
    except nacl.exceptions.BadSignatureError as error:
        raise SignatureError("signature does not verify") from error
