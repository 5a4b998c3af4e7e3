"""A clearing run over a cycle of confirmed debts sets off the smallest debt of the cycle,
and applies only when every member whose books it changes has consented."""

from commoning.obligations import actions
from commoning.obligations.models import ClearingRun, Obligation
from commoning.obligations.tests.kit import cycle


def test_it_clears_the_cycle_when_all_three_consent(alice, bob, carol):
    debts = cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    assert (run.cleared, run.participants, run.status) == (6000, 3, "open")
    for member in (alice, bob, carol):
        assert Obligation.objects.get(id=debts[0].id).remaining == 3000
        actions.consent_to_run(member, run.id)
    assert ClearingRun.objects.get(id=run.id).status == "applied"
    remaining = [Obligation.objects.get(id=debt.id).remaining for debt in debts]
    assert remaining == [1000, 0, 500]


def test_it_waits_while_a_participant_has_not_answered(alice, bob, carol):
    debts = cycle(alice, bob, carol)
    run = actions.start_run(bob, unit="EUR")
    actions.consent_to_run(alice, run.id)
    actions.consent_to_run(bob, run.id)
    assert ClearingRun.objects.get(id=run.id).status == "open"
    assert [Obligation.objects.get(id=d.id).remaining for d in debts] == [3000, 2000, 2500]


def test_a_decline_keeps_every_debt_as_it_was(alice, bob, carol):
    debts = cycle(alice, bob, carol)
    run = actions.start_run(bob, unit="EUR")
    actions.consent_to_run(alice, run.id)
    actions.decline_run(carol, run.id)
    assert ClearingRun.objects.get(id=run.id).status == "declined"
    assert [Obligation.objects.get(id=d.id).remaining for d in debts] == [3000, 2000, 2500]
