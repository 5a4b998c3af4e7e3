"""Both solvers clear exactly the optimum that networkx finds by another algorithm and another
formulation: a circulation of cost -1 per unit of set-off, solved by capacity scaling."""

import networkx as nx
from hypothesis import given, settings

from commoning.core.clearing.solve import clear
from commoning.core.clearing.tests.strategies import obligation_lists


def networkx_maximum_set_off(obligations) -> int:
    if not obligations:
        return 0
    graph = nx.MultiDiGraph()
    for obligation in obligations:
        graph.add_edge(obligation.debtor, obligation.creditor,
                       capacity=obligation.amount, weight=-1)
    for node in graph.nodes:
        graph.nodes[node]["demand"] = 0
    cost, _flows = nx.capacity_scaling(graph)
    return -cost


@settings(max_examples=60, deadline=None)
@given(obligation_lists())
def test_ortools_clears_the_networkx_optimum(obligations):
    assert clear(obligations, solver="ortools").cleared == networkx_maximum_set_off(obligations)


@settings(max_examples=60, deadline=None)
@given(obligation_lists())
def test_the_networkx_fallback_clears_the_same_optimum(obligations):
    clearing = clear(obligations, solver="networkx")
    assert clearing.solver == "networkx"
    assert clearing.cleared == networkx_maximum_set_off(obligations)


@settings(max_examples=40, deadline=None)
@given(obligation_lists())
def test_each_set_off_is_within_its_obligation_and_keeps_net_positions(obligations):
    clearing = clear(obligations)
    positions_before: dict[str, int] = {}
    positions_after: dict[str, int] = {}
    for obligation in obligations:
        set_off = clearing.set_off[obligation.id]
        assert type(set_off) is int
        assert 0 <= set_off <= obligation.amount
        for positions, amount in ((positions_before, obligation.amount),
                                  (positions_after, obligation.amount - set_off)):
            positions[obligation.debtor] = positions.get(obligation.debtor, 0) - amount
            positions[obligation.creditor] = positions.get(obligation.creditor, 0) + amount
    assert positions_after == positions_before
    assert clearing.cleared == sum(clearing.set_off.values())
    assert clearing.total == sum(obligation.amount for obligation in obligations)
    assert clearing.remaining == clearing.total - clearing.cleared
