"""Opting out of clearing and back in is a member's own choice on their own feed: an entry
that carries anything else is rejected, and the latest choice on a feed stands."""

import pytest

from commoning.accounts.access import member_for
from commoning.log.registry import Rejected
from commoning.obligations import access, actions
from commoning.obligations.models import ClearingChoice
from commoning.obligations.tests.kit import cycle, member_id
from commoning.testing import HostileNode


def test_a_choice_carrying_someone_else_is_rejected(alice, bob):
    mallory = HostileNode.of(bob)
    for type_name in ("clearing.opt_out", "clearing.opt_in"):
        written = mallory.write(type_name, {"member": member_id(alice)})
        assert written.status == "rejected", written
    assert not ClearingChoice.objects.exists()


def test_an_outsider_cannot_opt_anyone_out(net, alice):
    written = HostileNode.outsider(net).write("clearing.opt_out", {})
    assert not written.applied
    assert not access.opted_out(net, member_id(alice))


def test_the_latest_choice_stands_and_the_action_follows_it(alice, bob, carol):
    cycle(alice, bob, carol)
    HostileNode.of(bob).write("clearing.opt_out", {})
    left = access.clearable(member_for(alice).net, "EUR").values()
    assert len(left) == 1  # carol's claim on alice: the two through bob are left out
    assert member_id(bob) not in {m for o in left for m in (o.debtor_id, o.creditor_id)}
    with pytest.raises(Rejected):
        actions.start_run(alice, unit="EUR")
    HostileNode.of(bob).write("clearing.opt_in", {})
    assert actions.start_run(alice, unit="EUR").cleared == 6000
