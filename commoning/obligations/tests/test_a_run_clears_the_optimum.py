"""A run proposed by the app clears exactly the optimum: on small random networks of
confirmed debts it sets off as much as networkx's minimum-cost flow says can be cleared, and
once everyone consents the amounts left owed add up to the rest."""

import contextlib
import random

import networkx as nx
import pytest

from commoning.log.registry import Rejected
from commoning.obligations import actions
from commoning.obligations.models import ClearingRun, Obligation
from commoning.obligations.tests.kit import confirmed_debt, member_id


def most_that_can_be_cleared(debts) -> int:
    """Total minus the least that must stay owed with every net position kept (networkx)."""
    graph = nx.DiGraph()
    for debtor, creditor, _amount in debts:
        for member in (debtor, creditor):
            graph.add_node(member, demand=0)
    for debtor, creditor, amount in debts:
        graph.nodes[debtor]["demand"] -= amount
        graph.nodes[creditor]["demand"] += amount
        if graph.has_edge(debtor, creditor):
            graph[debtor][creditor]["capacity"] += amount
        else:
            graph.add_edge(debtor, creditor, capacity=amount, weight=1)
    return sum(amount for *_pair, amount in debts) - nx.min_cost_flow_cost(graph)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_run_clears_as_much_as_networkx_finds(seed, alice, bob, carol, dave):
    users = [alice, bob, carol, dave]
    pick = random.Random(seed)
    debts = []
    for _ in range(7):
        debtor, creditor = pick.sample(users, 2)
        amount = pick.randint(1, 40) * 100
        confirmed_debt(creditor, debtor, amount)
        debts.append((member_id(debtor), member_id(creditor), amount))
    best = most_that_can_be_cleared(debts)
    if best == 0:
        with pytest.raises(Rejected):
            actions.start_run(alice, unit="EUR")
        return
    run = actions.start_run(alice, unit="EUR")
    assert run.cleared == best
    for participant in users:
        # Those whose books the run does not change are refused (403); the rest consent.
        with contextlib.suppress(Rejected):
            actions.consent_to_run(participant, run.id)
    assert ClearingRun.objects.get(id=run.id).status == "applied"
    remaining = sum(Obligation.objects.values_list("remaining", flat=True))
    assert remaining == sum(amount for *_pair, amount in debts) - best
    assert not Obligation.objects.filter(remaining__lt=0).exists()
