"""The published clearing cases in shared/conformance/clearing (read there at test time): the
mtcs example with its stated set-offs, jerboa's problems (its `.solution` files are its own
heuristic's output, so we must clear at least as much, and exactly networkx's optimum), and
the 300-transaction Sarafu sample whose published min-cost flow says what stays owed."""

from pathlib import Path

import pytest

from commoning.core.clearing.certificate import check_certificate
from commoning.core.clearing.obligations import read_csv
from commoning.core.clearing.solve import clear
from commoning.core.clearing.tests.conformance import clearing_file, read_edge_list, scaled
from commoning.core.clearing.tests.test_clearing_equals_the_networkx_optimum import (
    networkx_maximum_set_off,
)

JERBOA_PROBLEMS = ["triangle", "hourglass", "parallels", "parallels-backwards", "small"]


def cleared_by_jerboa(solution: Path) -> int:
    """A `.solution` line is a cycle `n0 n1 ... nk amount`: k+1 obligations each reduced."""
    cleared = 0
    for line in solution.read_text().split("\n"):
        if line.strip():
            *nodes, amount = line.split()
            cleared += len(nodes) * int(amount)
    return cleared


@pytest.mark.parametrize("name", ["micro.csv", "mini.csv"])
def test_it_sets_off_what_the_mtcs_example_states(name):
    with clearing_file(f"closedloops/{name}").open("rb") as stream:
        obligations = read_csv(stream)
    clearing = clear(obligations)
    # The README: 10->20, 20->30 and 30->10 each set off 100 (remainders 0, 0, 100); 40->30
    # is left alone.
    assert clearing.set_off == {"1": 100, "2": 100, "3": 100, "4": 0}
    remainders = {o.id: o.amount - clearing.set_off[o.id] for o in obligations}
    assert remainders == {"1": 0, "2": 0, "3": 100, "4": 100}
    assert check_certificate(clearing.certificate) == []


@pytest.mark.parametrize("name", JERBOA_PROBLEMS)
@pytest.mark.parametrize("solver", ["ortools", "networkx"])
def test_it_clears_jerboa_s_problems_optimally_and_at_least_as_much_as_jerboa(name, solver):
    obligations = read_edge_list(clearing_file(f"jerboa/{name}.problem"))
    clearing = clear(obligations, solver=solver)
    assert clearing.cleared == networkx_maximum_set_off(obligations)
    assert clearing.cleared >= cleared_by_jerboa(clearing_file(f"jerboa/{name}.solution"))
    assert check_certificate(clearing.certificate) == []


def test_it_clears_more_than_jerboa_s_heuristic_on_the_small_problem():
    obligations = read_edge_list(clearing_file("jerboa/small.problem"))
    assert clear(obligations).cleared > cleared_by_jerboa(clearing_file("jerboa/small.solution"))


def test_it_leaves_owed_what_the_published_min_cost_flow_leaves_on_the_sarafu_sample():
    obligations = read_edge_list(clearing_file("jerboa/debt-300.csv"), scale=1000)
    flow_lines = clearing_file("jerboa/flow-300.csv").read_text().split()
    left_owed = sum(scaled(amount, 1000) for amount in flow_lines[2::3])
    clearing = clear(obligations)
    assert clearing.remaining == left_owed
    assert clearing.cleared == clearing.total - left_owed > 0
    assert check_certificate(clearing.certificate) == []
