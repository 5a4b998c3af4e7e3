"""Statutes and roles change only by enacting a decision that passed: a statutes change makes a
new version (its history published), an election makes its winners the role's holders."""

import pytest

from commoning.accounts.access import account_for
from commoning.association import roster
from commoning.association.actions import enact_decision
from commoning.association.models import RosterEntry
from commoning.association.testing import make_association
from commoning.decisions.testing import pass_decision
from commoning.log.models import Entry as EntryRow
from commoning.log.registry import Rejected
from commoning.testing import HostileNode


def _id(user):
    return account_for(user).member_id


def _after(entry_id):
    """A ts no earlier than the entry's (a close is dated at the vote's end)."""
    return EntryRow.objects.get(id=entry_id).ts + 1


def _current(net):
    return roster.view_at(net, roster.current_heads(net))


@pytest.fixture
def association(net, alice, bob, carol, dave):
    return make_association(net, alice, members=(bob, carol, dave), stewards=(alice,),
                            tellers=(carol,))


def test_a_passed_statutes_decision_enacted_makes_a_new_version(net, association, alice, bob,
                                                                carol, dave):
    close_id = pass_decision(net, alice, [alice, bob, carol, dave], carol, kind="statutes",
                             effect={"kind": "statutes", "changes": {"dues_minor": 2400}})
    view = enact_decision(bob, close_id)
    assert view.statutes.dues_minor == 2400
    assert view.statutes_version == 2
    assert [version for version, *_ in view.statutes_history] == [1, 2]
    assert view.statutes_history[0][1].dues_minor == 0
    assert view.statutes_history[1][3] == close_id


def test_an_enacted_election_makes_its_winners_the_stewards(net, association, alice, bob, carol,
                                                            dave):
    close_id = pass_decision(net, alice, [alice, bob, carol, dave], carol, kind="election",
                             method="approval", options=[_id(bob)], seats=1,
                             effect={"kind": "elect", "role": "steward"})
    view = enact_decision(dave, close_id)
    assert view.stewards == {_id(bob)}
    assert view.statutes_version == 1


def test_it_refuses_to_enact_a_decision_that_did_not_pass(net, association, alice, bob, carol):
    close_id = pass_decision(net, alice, [], carol, kind="statutes",  # nobody voted: no quorum
                             effect={"kind": "statutes", "changes": {"dues_minor": 9900}})
    before = RosterEntry.objects.count()
    with pytest.raises(Rejected, match="did not pass"):
        enact_decision(bob, close_id)
    assert RosterEntry.objects.count() == before
    assert _current(net).statutes.dues_minor == 0


def test_a_hostile_member_enacting_a_failed_decision_is_rejected(net, association, alice, bob,
                                                                 carol):
    close_id = pass_decision(net, alice, [], carol, kind="statutes",
                             effect={"kind": "statutes", "changes": {"dues_minor": 9900}})
    written = HostileNode.of(bob).write(
        "association.enact", {"association": association.association_id, "close": close_id},
        deps=[*roster.current_heads(net), close_id], ts=_after(close_id))
    assert written.status == "rejected"
    assert "did not pass" in written.reason
    assert _current(net).statutes.dues_minor == 0


def test_a_statutes_change_under_an_ordinary_decision_is_rejected(net, association, alice, bob,
                                                                  carol, dave):
    close_id = pass_decision(net, alice, [alice, bob, carol, dave], carol, kind="ordinary",
                             effect={"kind": "statutes", "changes": {"dues_minor": 100}})
    written = HostileNode.of(bob).write(
        "association.enact", {"association": association.association_id, "close": close_id},
        deps=[*roster.current_heads(net), close_id], ts=_after(close_id))
    assert written.status == "rejected"
    assert "statutes kind" in written.reason


def test_a_decision_is_enacted_once(net, association, alice, bob, carol, dave):
    close_id = pass_decision(net, alice, [alice, bob, carol, dave], carol, kind="statutes",
                             effect={"kind": "statutes", "changes": {"dues_minor": 2400}})
    enact_decision(bob, close_id)
    written = HostileNode.of(dave).write(
        "association.enact", {"association": association.association_id, "close": close_id},
        deps=[*roster.current_heads(net), close_id], ts=_after(close_id))
    assert written.status == "rejected"
    assert "already enacted" in written.reason
    assert _current(net).statutes_version == 2


def test_an_election_of_the_wrong_number_of_stewards_is_rejected(net, association, alice, bob,
                                                                 carol, dave):
    close_id = pass_decision(net, alice, [alice, bob, carol, dave], carol, kind="election",
                             method="approval", options=[_id(bob), _id(dave)], seats=2,
                             effect={"kind": "elect", "role": "steward"})
    with pytest.raises(Rejected, match="number of stewards"):
        enact_decision(bob, close_id)
    assert _current(net).stewards == {_id(alice)}
