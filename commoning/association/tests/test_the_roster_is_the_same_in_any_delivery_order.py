"""The roster and every `view_at` are the same in any delivery order: concurrent joins naming
stale heads, a leave and a re-join, an approval join and an enacted statutes change, delivered
shuffled to a wiped node, give the same state hash and the same views."""

import pytest

from commoning.association import roster
from commoning.association.actions import (
    approve_join,
    enact_decision,
    join_association,
    leave_association,
)
from commoning.association.testing import make_association
from commoning.decisions.testing import pass_decision
from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.testing import HostileNode


@pytest.mark.django_db(transaction=False)
def test_the_roster_and_its_views_are_the_same_in_any_order(net, alice, bob, carol, dave, eve):
    view = make_association(net, alice, members=(bob,), stewards=(alice,), tellers=(bob,))
    stale = roster.current_heads(net)
    join_association(carol)
    # Dave joins naming the stale heads: concurrent with Carol's join.
    HostileNode.of(dave).write("association.join", {"association": view.association_id},
                               deps=stale)
    leave_association(carol)
    join_association(carol)
    close_id = pass_decision(net, alice, [alice, bob, dave], bob, kind="statutes",
                             # Keys in canonical (sorted) order: the decisions app keeps the
                             # effect as given (reported to its owner).
                             effect={"changes": {"join_approvals": 1, "join_rule": "approval"},
                                     "kind": "statutes"})
    enact_decision(bob, close_id)
    eve_join = join_association(eve)
    middle = roster.current_heads(net)
    approve_join(alice, eve_join)
    every_head_set = [stale, middle, roster.current_heads(net)]
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]

    def views():
        roster.forget()  # computed afresh from what this delivery order stored
        seen = [roster.view_at(net, heads) for heads in every_head_set]
        return [(v.members, v.stewards, v.tellers, v.statutes, v.statutes_version,
                 v.pending_joins) for v in seen], roster.current_heads(net)

    shown = views()[0]
    assert len(shown[2][0]) == 5 and len(shown[1][0]) == 4  # Eve counts once approved
    assert shown[2][4] == 2
    assert_same_in_any_order(envelopes, examples=4, observe=views)
