"""The node's key store: device keys held in custody, sealed at rest (architecture, section 9).

Seeds are sealed with PyNaCl's SecretBox under the key-store secret, which comes from the
COMMONING_KEYSTORE_SECRET environment variable or a file in COMMONING_HOME readable only by the
node's user. A database dump alone therefore reveals no signing key.
"""

import os
from functools import cache, lru_cache

import nacl.secret
import nacl.utils
from django.conf import settings

from commoning.accounts.models import CustodialKey
from commoning.core.signing import SigningKey

SECRET_FILE = "keystore.secret"


class KeyStoreError(RuntimeError):
    """The key-store secret is missing or malformed, or a key is not held here."""


@cache
def _box() -> nacl.secret.SecretBox:
    raw = settings.COMMONING_KEYSTORE_SECRET
    if not raw:
        path = settings.COMMONING_HOME / SECRET_FILE
        if not path.exists():
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(nacl.utils.random(nacl.secret.SecretBox.KEY_SIZE).hex())
        raw = path.read_text().strip()
    try:
        key = bytes.fromhex(raw)
    except ValueError as error:
        raise KeyStoreError("the key-store secret must be 64 hex characters") from error
    if len(key) != nacl.secret.SecretBox.KEY_SIZE:
        raise KeyStoreError("the key-store secret must be 32 bytes (64 hex characters)")
    return nacl.secret.SecretBox(key)


def new_key(purpose: str) -> SigningKey:
    """Generate a key, seal it and keep it; return it for immediate use."""
    key = SigningKey.generate()
    CustodialKey.objects.create(
        public_key=key.public_hex, sealed_seed=_box().encrypt(key.seed), purpose=purpose
    )
    return key


def load_key(public_key: str) -> SigningKey:
    row = CustodialKey.objects.filter(public_key=public_key).first()
    if row is None:
        raise KeyStoreError(f"no key {public_key[:12]}… is held by this node")
    return SigningKey(_box().decrypt(bytes(row.sealed_seed)))


# Unsealed keys kept in this process's memory only, keyed by the sealed seed itself: a key
# replaced or re-sealed in the store is a new cache key, and a key removed from the store is
# never looked up (callers read the sealed row first). This widens nothing: the process already
# holds the key-store secret (_box) that unseals every key. Bounded, so a node with many
# members keeps only the recently active ones.
UNSEALED_KEYS_MAX = 256


@lru_cache(maxsize=UNSEALED_KEYS_MAX)
def unseal(public_key: str, sealed_seed: bytes) -> SigningKey:
    """The signing key of a sealed seed read from the store (see the cache note above)."""
    key = SigningKey(_box().decrypt(sealed_seed))
    if key.public_hex != public_key:
        raise KeyStoreError(f"the key held for {public_key[:12]}… does not match its name")
    return key


def node_key() -> SigningKey:
    """This node's own key (sync frontiers, bundle headers), created on first use."""
    row = CustodialKey.objects.filter(purpose="node").order_by("created_at").first()
    if row is None:
        return new_key("node")
    return load_key(row.public_key)
