"""Shared pytest fixtures: a network and the personas of commoning.testing."""

import pytest

from commoning import testing


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
