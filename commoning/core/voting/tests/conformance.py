"""Where the shared conformance data lives: COMMONING_CONFORMANCE, or else the `shared`
folder beside the repository (../shared/conformance), read at test time, never copied in."""

import os
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[4]


def conformance_folder(name: str) -> Path:
    root = Path(os.environ.get("COMMONING_CONFORMANCE", REPOSITORY.parent / "shared" /
                               "conformance"))
    folder = root / name
    if not folder.is_dir():
        pytest.skip(f"conformance data {name}/ is absent (set COMMONING_CONFORMANCE)")
    return folder
