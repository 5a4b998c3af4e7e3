"""Helpers for entry tests: fixed keys, and payloads signed exactly as given."""

from commoning.core import canonical
from commoning.core.entry import build
from commoning.core.signing import ENTRY_CONTEXT, SigningKey, b64url_encode

AUTHOR = SigningKey(bytes(range(32)))
COSIGNER = SigningKey(bytes(range(1, 33)))
NET = "4e" * 32
PREV = "7a" * 32


def valid_payload(**changes) -> dict:
    payload = {
        "v": 1,
        "net": NET,
        "author": AUTHOR.public_hex,
        "seq": 2,
        "prev": PREV,
        "deps": ["0" * 64, "f" * 64],
        "ts": 1_700_000_000_000,
        "type": "commons.update",
        "data": {"commons": "f" * 64, "name": "Seed library: Bibliothèque 🌱"},
    }
    payload.update(changes)
    return {key: value for key, value in payload.items() if value is not ...}


def signed(payload: dict, *signers) -> tuple[bytes, list]:
    """Canonical bytes of `payload` and signatures by `signers` (the author if none given)."""
    raw = canonical.encode(payload)
    keys = signers or (AUTHOR,)
    return raw, [[key.public_hex, b64url_encode(key.sign(ENTRY_CONTEXT, raw))] for key in keys]


def sample_entry():
    return build(
        AUTHOR,
        net=NET,
        seq=2,
        prev=PREV,
        ts=1_700_000_000_000,
        type="commons.update",
        data={"commons": "f" * 64, "name": "Seed library: Bibliothèque 🌱", "n": -12},
        deps=["f" * 64, "0" * 64],
        att={"hash": "a" * 64, "size": 3},
        cosigners=(COSIGNER,),
    )
