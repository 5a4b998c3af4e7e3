"""A node may hold several networks: a search in one never shows another's objects."""

from commoning.commons.actions import create_commons
from commoning.search.query import search
from commoning.search.tests.kit import found
from commoning.testing import make_member, make_network


def test_objects_of_another_network_are_never_found(net, alice):
    mine = create_commons(alice, name="Seed Library", licence="CC-BY-SA-4.0")
    elsewhere = make_network("Other Valley")
    stranger = make_member(elsewhere, "sam", "Sam")
    theirs = create_commons(stranger, name="Seed Exchange", licence="CC-BY-SA-4.0")
    assert found(net, "seed") == [("commons", mine.id)]
    assert found(elsewhere, "seed") == [("commons", theirs.id)]
    assert found(net, "sam") == []


def test_a_node_serving_no_network_finds_nothing(db):
    assert search(None, "anything").items == []
