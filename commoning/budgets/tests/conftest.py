"""Fixtures of budget tests: a clock tests can move, and the association of kit.association."""

import pytest

from commoning.budgets.tests import kit


@pytest.fixture
def moved(monkeypatch):
    return kit.Clock(monkeypatch)


@pytest.fixture
def valley(net, alice, bob, carol, dave, eve):
    """Alice steward, Bob teller, Carol and Dave members; Eve only in the network."""
    return kit.association(net, alice, bob, carol, dave)
