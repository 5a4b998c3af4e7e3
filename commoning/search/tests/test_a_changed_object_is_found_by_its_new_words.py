"""An object changed by a later entry is found by its new words, no longer by its old ones."""

from commoning.accounts.actions import update_profile
from commoning.commons.actions import update_commons
from commoning.search.tests.kit import found, small_world
from commoning.work import actions


def test_a_renamed_commons_is_found_by_its_new_name_only(net, alice, bob):
    world = small_world(alice, bob)
    update_commons(alice, world.commons.id, name="Backstrap Weaving")
    assert found(net, "backstrap") == [("commons", world.commons.id)]
    assert found(net, "hand loom") == []


def test_a_new_description_replaces_the_old_words(net, alice, bob):
    world = small_world(alice, bob)
    update_commons(alice, world.commons.id, description="Now made of bamboo.")
    assert found(net, "bamboo") == [("commons", world.commons.id)]
    assert found(net, "plywood") == []


def test_an_amended_contribution_is_found_by_its_new_note(net, alice, bob):
    world = small_world(alice, bob)
    actions.amend_contribution(bob, world.contribution.id, description="Oiled the shuttle.")
    assert found(net, "shuttle") == [("contribution", world.contribution.id)]
    assert found(net, "heddle") == []


def test_a_renamed_member_is_found_by_the_new_name(net, alice, bob):
    world = small_world(alice, bob)
    update_profile(bob, name="Roberta")
    assert found(net, "roberta") == [("member", world.bob_id)]
    assert found(net, "bob") == []
