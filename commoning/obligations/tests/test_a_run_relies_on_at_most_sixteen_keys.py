"""A run lists one dep per key it relies on, and an entry holds at most 16 deps: a cycle among
more members than that is refused with a clear 400 and nothing written; clearing it among a
group of members (`among`) is how a bigger network splits it."""

import pytest

from commoning.log.registry import Rejected
from commoning.obligations import actions
from commoning.obligations.models import ClearingRun
from commoning.obligations.tests.kit import confirmed_debt, member_id
from commoning.testing import make_member


def test_a_cycle_among_eighteen_members_is_refused_whole_and_cleared_in_a_group(net, alice):
    members = [alice] + [make_member(net, f"member{index}") for index in range(17)]
    for debtor, creditor in zip(members, members[1:] + members[:1], strict=True):
        confirmed_debt(creditor, debtor, 1000)
    with pytest.raises(Rejected) as refused:
        actions.start_run(alice, unit="EUR")
    assert refused.value.status == 400
    assert "16" in refused.value.reason
    assert not ClearingRun.objects.exists()
    # A shortcut debt closes a smaller cycle among the first five members, cleared on its own.
    confirmed_debt(members[0], members[4], 400)
    run = actions.start_run(alice, unit="EUR", among=[member_id(m) for m in members[:5]])
    assert (run.participants, run.cleared) == (5, 2000)
