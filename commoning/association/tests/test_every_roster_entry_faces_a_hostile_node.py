"""Each forbidden roster act, written directly by a hostile node, is rejected by the shared rule
and changes nothing: a second founding, a founding by a member, an outsider joining an approval
association without approvals, a non-member approving, a leave by a non-member, a join naming
no roster heads; and a backdated join never enters an earlier view."""

import pytest

from commoning.accounts.access import account_for
from commoning.association import roster
from commoning.association.actions import join_association
from commoning.association.statutes import Statutes
from commoning.association.testing import make_association
from commoning.log.models import Entry as EntryRow
from commoning.testing import HostileNode


def _id(user):
    return account_for(user).member_id


def _current(net):
    return roster.view_at(net, roster.current_heads(net))


@pytest.fixture
def strict(net, alice, bob):
    statutes = Statutes(join_rule="approval", join_approvals=1, stewards_count=1,
                        payment_approvals=1)
    return make_association(net, alice, stewards=(alice,), tellers=(bob,), statutes=statutes)


def _found_data(alice, name="Second Association"):
    return {"name": name, "statutes": Statutes(stewards_count=1, payment_approvals=1).as_dict(),
            "founder": _id(alice), "stewards": [_id(alice)], "tellers": [_id(alice)]}


def test_a_second_founding_by_the_founder_key_is_rejected(net, strict, alice):
    written = HostileNode.founder(net).write("association.found", _found_data(alice),
                                             deps=[_id(alice)])
    assert written.status == "rejected"
    assert "already has" in written.reason
    assert _current(net).name == strict.name


def test_a_founding_by_a_member_key_is_rejected(net, alice):
    written = HostileNode.of(alice).write("association.found", _found_data(alice),
                                          deps=[_id(alice)])
    assert written.status == "rejected"
    assert "founder key" in written.reason
    assert roster.current_heads(net) == []


def test_a_founding_with_statutes_out_of_bounds_is_rejected(net, alice):
    data = _found_data(alice)
    data["statutes"]["payment_approvals"] = 7
    written = HostileNode.founder(net).write("association.found", data, deps=[_id(alice)])
    assert written.status == "rejected"
    assert "payment_approvals" in written.reason


def test_a_join_under_approval_without_approvals_makes_no_member(net, strict, eve):
    written = HostileNode.of(eve).write("association.join",
                                        {"association": strict.association_id},
                                        deps=roster.current_heads(net))
    assert written.applied  # a request to join: it waits for an approval
    assert _id(eve) not in _current(net).members


def test_a_newcomer_from_another_node_joins_only_with_an_approval(net, strict, alice):
    newcomer = HostileNode.newcomer(net)
    identity = newcomer.identity("Mallory")
    join = newcomer.write("association.join", {"association": strict.association_id},
                          deps=roster.current_heads(net))
    assert join.applied
    assert identity.id not in _current(net).members


def test_a_non_member_approving_a_join_is_rejected(net, strict, dave, eve):
    join_id = join_association(eve)
    written = HostileNode.of(dave).write(
        "association.approve", {"association": strict.association_id, "join": join_id},
        deps=sorted({*roster.current_heads(net), join_id}))
    assert written.status == "rejected"
    assert "only a member" in written.reason
    assert _id(eve) not in _current(net).members


def test_approving_ones_own_join_is_rejected(net, strict, eve):
    join_id = join_association(eve)
    written = HostileNode.of(eve).write(
        "association.approve", {"association": strict.association_id, "join": join_id},
        deps=sorted({*roster.current_heads(net), join_id}))
    assert written.status == "rejected"
    assert _id(eve) not in _current(net).members


def test_a_leave_by_a_non_member_is_rejected(net, strict, eve):
    written = HostileNode.of(eve).write("association.leave",
                                        {"association": strict.association_id},
                                        deps=roster.current_heads(net))
    assert written.status == "rejected"
    assert "not a member" in written.reason


def test_a_join_naming_no_roster_heads_is_rejected(net, strict, eve):
    written = HostileNode.of(eve).write("association.join",
                                        {"association": strict.association_id})
    assert written.status == "rejected"
    assert "roster heads" in written.reason


def test_a_hostile_enactment_of_no_decision_is_rejected(net, strict, alice):
    # Changing the statutes directly: an enactment whose close is some other entry.
    written = HostileNode.of(alice).write(
        "association.enact", {"association": strict.association_id, "close": _id(alice)},
        deps=[*roster.current_heads(net), _id(alice)])
    assert written.status == "rejected"
    assert "no closed decision" in written.reason
    assert _current(net).statutes_version == 1


def test_a_backdated_join_is_not_in_the_view_of_later_heads(net, alice, bob, dave, eve):
    view = make_association(net, alice, stewards=(alice,), tellers=(bob,))
    founding_heads = roster.current_heads(net)
    founding_ts = EntryRow.objects.get(id=founding_heads[0]).ts
    join_association(dave)
    proposal_heads = roster.current_heads(net)  # what a proposal opened now names
    # Eve joins later but names the founding as all she saw and dates her join just after it.
    written = HostileNode.of(eve).write("association.join",
                                        {"association": view.association_id},
                                        deps=founding_heads, ts=founding_ts + 1)
    assert written.applied
    assert _id(eve) not in roster.view_at(net, proposal_heads).members
    assert _id(eve) in _current(net).members  # she is a member from now on
