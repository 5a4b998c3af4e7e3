"""`view_at` of old heads never changes, however many later joins arrive: a proposal's
electorate, frozen at its heads, stays frozen."""

from commoning.accounts.access import account_for
from commoning.association import roster
from commoning.association.actions import join_association
from commoning.association.testing import make_association


def test_view_at_old_heads_stays_the_same_after_later_joins(net, alice, bob, carol, dave, eve):
    make_association(net, alice, members=(bob,), stewards=(alice,), tellers=(alice,))
    old_heads = roster.current_heads(net)
    old = roster.view_at(net, old_heads)
    join_association(carol)
    join_association(dave)
    join_association(eve)
    roster.forget()  # recomputed from the stored roster, not remembered
    again = roster.view_at(net, old_heads)
    assert again == old
    assert account_for(eve).member_id not in again.members
    assert len(roster.view_at(net, roster.current_heads(net)).members) == 5
