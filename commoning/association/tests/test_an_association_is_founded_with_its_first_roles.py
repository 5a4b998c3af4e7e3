"""Founding makes the association with its name, statutes, first members, stewards and tellers;
an open join adds a member."""

from commoning.accounts.access import account_for
from commoning.association import roster
from commoning.association.actions import join_association
from commoning.association.statutes import Statutes
from commoning.association.testing import make_association


def _id(user):
    return account_for(user).member_id


def test_it_founds_the_association_with_its_first_stewards_and_tellers(net, alice, bob, carol):
    view = make_association(net, alice, stewards=(alice, bob), tellers=(carol,))
    assert view.founded
    assert view.members == {_id(alice), _id(bob), _id(carol)}
    assert view.stewards == {_id(alice), _id(bob)}
    assert view.tellers == {_id(carol)}
    assert view.statutes.stewards_count == 2
    assert view.statutes_version == 1


def test_an_open_join_makes_a_member_in_the_view_of_the_new_heads(net, alice, bob, dave):
    make_association(net, alice, stewards=(alice,), tellers=(bob,))
    before = roster.current_heads(net)
    join_association(dave)
    after = roster.current_heads(net)
    assert _id(dave) not in roster.view_at(net, before).members
    assert _id(dave) in roster.view_at(net, after).members
    assert roster.view_at(net, after).roles_of(_id(dave)) == []


def test_a_network_without_an_association_has_an_unfounded_view(net):
    assert roster.current_heads(net) == []
    assert roster.view_at(net, []).founded is False


def test_statutes_round_trip_through_their_dict():
    statutes = Statutes(join_rule="approval", join_approvals=2, dues_minor=1200,
                        stewards_count=3, payment_approvals=2)
    assert Statutes.from_dict(statutes.as_dict()) == statutes
    assert statutes.defaults["statutes"] == (30, 2, 3)
