"""Shared pytest fixtures: a network and the personas of commoning.testing, the database vendor,
and the system Chromium that browser tests drive.
"""

import os
import shutil

import pytest
from django.db import connection

from commoning import testing
from commoning.accounts import ratelimit


@pytest.fixture(autouse=True)
def _fresh_api_write_buckets():
    """The API write limit lives in process memory; each test starts with full buckets."""
    ratelimit.api_writes.clear()


@pytest.fixture
def net(db):
    return testing.make_network()


@pytest.fixture
def alice(net):
    return testing.make_member(net, "alice", "Alice")


@pytest.fixture
def bob(net):
    return testing.make_member(net, "bob", "Bob")


@pytest.fixture
def carol(net):
    return testing.make_member(net, "carol", "Carol")


@pytest.fixture
def dave(net):
    return testing.make_member(net, "dave", "Dave")


@pytest.fixture
def eve(net):
    return testing.make_member(net, "eve", "Eve")


@pytest.fixture
def db_vendor(db) -> str:
    """The database vendor, "sqlite" or "postgresql": the suite runs on both (see DATABASE_URL)."""
    return connection.vendor


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium (Playwright cannot download its own browsers here).

    COMMONING_CHROMIUM overrides the path. Without a browser the test skips on a developer's
    machine, but fails in CI, where a missing browser must never pass unnoticed as a skip.
    """
    path = (
        os.environ.get("COMMONING_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not path:
        message = "Chromium is not installed (Debian: apt install chromium)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return path
