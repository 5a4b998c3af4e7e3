"""Two runs written at once over the same obligations, both consented by everyone: the run
with the smaller id applies and the other is void, so no obligation is set off twice or goes
below zero. A run written after another applied builds on the lower amounts and applies too."""

from commoning.log.registry import Rejected
from commoning.obligations import actions
from commoning.obligations.models import ClearingRun, Obligation
from commoning.obligations.tests.kit import confirmed_debt, cycle, proposal_for
from commoning.testing import HostileNode


def concurrent_runs(alice, bob, carol):
    """Alice's run through the action, and a run bob's node proposed before it knew hers."""
    cycle(alice, bob, carol)
    bobs_data, bobs_deps = proposal_for(bob)
    first = actions.start_run(alice, unit="EUR")
    second = HostileNode.of(bob).write("clearing.run", bobs_data, deps=bobs_deps)
    assert second.applied, second
    for member in (alice, bob, carol):
        for run_id in (first.id, second.id):
            HostileNode.of(member).write("clearing.consent", {"run": run_id}, deps=[run_id])
    return first.id, second.id


def test_the_smaller_id_applies_and_the_other_is_void(alice, bob, carol):
    first, second = concurrent_runs(alice, bob, carol)
    winner, loser = sorted((first, second))
    assert ClearingRun.objects.get(id=winner).status == "applied"
    assert ClearingRun.objects.get(id=loser).status == "void"
    assert sorted(Obligation.objects.values_list("remaining", flat=True)) == [0, 500, 1000]


def test_the_action_refuses_nothing_it_can_clear_while_a_run_holds_the_debts(alice, bob, carol):
    cycle(alice, bob, carol)
    actions.start_run(alice, unit="EUR")
    try:
        actions.start_run(bob, unit="EUR")
    except Rejected as error:
        assert "Nothing can be cleared" in error.reason
    else:
        raise AssertionError("a second run over debts held by an open run was proposed")


def test_a_later_run_builds_on_what_the_first_left(alice, bob, carol, dave):
    debts = cycle(alice, bob, carol)
    first = actions.start_run(alice, unit="EUR")
    for member in (alice, bob, carol):
        actions.consent_to_run(member, first.id)
    # alice still owes bob 1000; a new cycle alice -> bob -> dave -> alice takes part of it.
    confirmed_debt(dave, bob, 400)
    confirmed_debt(alice, dave, 400)
    second = actions.start_run(dave, unit="EUR")
    assert second.cleared == 1200
    for member in (alice, bob, dave):
        actions.consent_to_run(member, second.id)
    assert ClearingRun.objects.get(id=second.id).status == "applied"
    assert Obligation.objects.get(id=debts[0].id).remaining == 600
    assert Obligation.objects.filter(remaining__lt=0).count() == 0
