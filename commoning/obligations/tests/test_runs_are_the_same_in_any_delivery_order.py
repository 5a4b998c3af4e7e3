"""Debts, runs and answers delivered in any order give the same state hash, the same amounts
still owed and the same run outcomes: concurrent runs over one obligation, a run built on
another's result, a declined run and a run still waiting."""

import pytest

from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.obligations import actions
from commoning.obligations.models import ClearingRun, Obligation
from commoning.obligations.tests.kit import confirmed_debt, cycle, proposal_for
from commoning.testing import HostileNode


def _outcomes():
    return (sorted(Obligation.objects.values_list("id", "remaining", "confirmed")),
            sorted(ClearingRun.objects.values_list("id", "status", "consents", "declines")))


@pytest.mark.django_db(transaction=False)
def test_it_keeps_the_same_runs_and_remaining_amounts_in_any_order(alice, bob, carol, dave,
                                                                  eve):
    cycle(alice, bob, carol)
    bobs_data, bobs_deps = proposal_for(bob)
    first = actions.start_run(alice, unit="EUR")
    second = HostileNode.of(bob).write("clearing.run", bobs_data, deps=bobs_deps).id
    for member in (alice, bob, carol):
        actions.consent_to_run(member, first.id)
        HostileNode.of(member).write("clearing.consent", {"run": second}, deps=[second])
    applied = min(first.id, second)
    assert ClearingRun.objects.get(id=applied).status == "applied"
    # A run on what is left, fully consented; then one declined and one still open, in hours.
    confirmed_debt(dave, bob, 400)
    confirmed_debt(alice, dave, 400)
    later = actions.start_run(dave, unit="EUR")
    for member in (alice, bob, dave):
        actions.consent_to_run(member, later.id)
    cycle(carol, dave, eve, amounts=(100, 200, 300), unit="h")
    declined = actions.start_run(eve, unit="h")
    actions.decline_run(dave, declined.id)
    cycle(bob, carol, eve, amounts=(50, 60, 70), unit="kg")
    actions.start_run(bob, unit="kg")
    reference = _outcomes()
    statuses = sorted(status for _id, status, *_ in reference[1])
    assert statuses == ["applied", "applied", "declined", "open", "void"]
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    assert_same_in_any_order(envelopes, observe=_outcomes, examples=6)
