"""A run takes only confirmed obligations, none a party excluded, none of a member who opted
out: the action leaves them out, and the rule rejects a run a hostile node writes with them."""

import pytest

from commoning.log.registry import Rejected
from commoning.obligations import access, actions
from commoning.obligations.models import ClearingRun, RunItem
from commoning.obligations.tests.kit import (
    confirmed_debt,
    cycle,
    head_of,
    member_id,
    proposal_for,
)
from commoning.testing import HostileNode


def test_a_run_with_an_unconfirmed_obligation_is_rejected(alice, bob, carol):
    debts = cycle(alice, bob, carol)
    data, deps = proposal_for(alice)
    unconfirmed = actions.record_obligation(carol, debtor_id=member_id(alice), amount=2500,
                                            unit="EUR")
    # The same cycle, but carol's claim on alice replaced by one alice never confirmed.
    data["items"] = sorted(
        [unconfirmed.id, *item[1:]] if item[0] == debts[2].id else item for item in data["items"]
    )
    written = HostileNode.of(alice).write("clearing.run", data, deps=[*deps, head_of(carol)])
    assert written.status == "rejected"
    assert "confirmed" in written.reason
    assert not ClearingRun.objects.exists()


def test_a_run_with_an_excluded_obligation_is_rejected(alice, bob, carol):
    debts = cycle(alice, bob, carol)
    data, deps = proposal_for(alice)
    actions.exclude_obligation(bob, debts[1].id)
    with pytest.raises(Rejected):
        actions.start_run(alice, unit="EUR")  # nothing else forms a cycle
    written = HostileNode.of(alice).write("clearing.run", data,
                                          deps=sorted(set(deps) | {head_of(bob)}))
    assert written.status == "rejected"
    assert "out of clearing" in written.reason


def test_a_run_over_a_member_who_opted_out_is_rejected(alice, bob, carol):
    cycle(alice, bob, carol)
    data, deps = proposal_for(alice)
    actions.choose_clearing(carol, take_part=False)
    with pytest.raises(Rejected):
        actions.start_run(alice, unit="EUR")
    written = HostileNode.of(alice).write("clearing.run", data,
                                          deps=sorted(set(deps) | {head_of(carol)}))
    assert written.status == "rejected"
    assert "opted out" in written.reason
    actions.choose_clearing(carol, take_part=True)
    assert actions.start_run(alice, unit="EUR").cleared == 6000


def test_a_member_who_excluded_an_obligation_cannot_consent_to_a_run_over_it(alice, bob, carol):
    debts = cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    actions.exclude_obligation(bob, debts[1].id)
    written = HostileNode.of(bob).write("clearing.consent", {"run": run.id}, deps=[run.id])
    assert written.status == "rejected"
    assert ClearingRun.objects.get(id=run.id).consents == 0


def test_the_action_leaves_out_what_a_party_excluded(alice, bob, carol, dave):
    debts = cycle(alice, bob, carol)
    # A second cycle through dave, which bob keeps out of clearing.
    to_dave = confirmed_debt(dave, bob, 700)
    confirmed_debt(alice, dave, 700)
    actions.exclude_obligation(bob, to_dave.id)
    assert to_dave.id not in access.clearable(to_dave.net, "EUR")
    run = actions.start_run(alice, unit="EUR")
    taken = set(RunItem.objects.filter(run_id=run.id).values_list("obligation_id", flat=True))
    assert taken == {debt.id for debt in debts}
