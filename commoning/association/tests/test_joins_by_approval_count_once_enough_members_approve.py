"""Under an approval join rule, a join counts once N distinct members approved it; leaving ends
membership and a later join counts again."""

import pytest

from commoning.accounts.access import account_for
from commoning.association import roster
from commoning.association.actions import approve_join, join_association, leave_association
from commoning.association.statutes import Statutes
from commoning.association.testing import make_association
from commoning.log.registry import Rejected


def _id(user):
    return account_for(user).member_id


def _members(net):
    return roster.view_at(net, roster.current_heads(net)).members


@pytest.fixture
def strict(net, alice, bob, carol):
    statutes = Statutes(join_rule="approval", join_approvals=2, stewards_count=1,
                        payment_approvals=1)
    return make_association(net, alice, stewards=(bob,), tellers=(carol,), statutes=statutes)


def test_a_join_counts_once_two_members_approved_it(net, strict, alice, bob, dave):
    join_id = join_association(dave)
    assert _id(dave) not in _members(net)
    approve_join(alice, join_id)
    assert _id(dave) not in _members(net)
    approve_join(bob, join_id)
    assert _id(dave) in _members(net)


def test_it_refuses_a_second_approval_by_the_same_member(net, strict, alice, dave):
    join_id = join_association(dave)
    approve_join(alice, join_id)
    with pytest.raises(Rejected, match="already approved"):
        approve_join(alice, join_id)
    assert _id(dave) not in _members(net)


def test_a_leave_ends_membership_and_a_new_join_counts_again(net, alice, bob, dave):
    make_association(net, alice, members=(dave,), stewards=(alice,), tellers=(bob,))
    leave_association(dave)
    assert _id(dave) not in _members(net)
    join_association(dave)
    assert _id(dave) in _members(net)


def test_a_steward_who_leaves_holds_no_role(net, alice, bob):
    make_association(net, alice, stewards=(bob,), tellers=(alice,))
    leave_association(bob)
    assert roster.view_at(net, roster.current_heads(net)).stewards == frozenset()
