"""More concurrent roster heads than an entry may name: each entry names the oldest eight, so
every head is merged in turn, and the page's view holds them all at once."""

from commoning.association import access, roster
from commoning.association.actions import leave_association
from commoning.association.testing import make_association
from commoning.testing import HostileNode, make_member


def test_every_concurrent_head_is_merged_in_turn(net, alice, bob):
    view = make_association(net, alice, members=(bob,), stewards=(alice,), tellers=(alice,))
    stale = roster.current_heads(net)
    for number in range(10):
        joiner = make_member(net, f"joiner{number}")
        HostileNode.of(joiner).write("association.join", {"association": view.association_id},
                                     deps=stale)
    assert len(roster.every_head(net)) == 10
    assert len(roster.current_heads(net)) == roster.MAX_HEADS
    assert len(access.current_view(net).members) == 12
    leave_association(bob)  # names the eight oldest heads
    assert len(roster.every_head(net)) == 3
    leave_association(alice)  # names the remaining three
    assert len(roster.every_head(net)) == 1
    assert roster.view_at(net, roster.current_heads(net)).members == (
        access.current_view(net).members)
    assert len(access.current_view(net).members) == 10
