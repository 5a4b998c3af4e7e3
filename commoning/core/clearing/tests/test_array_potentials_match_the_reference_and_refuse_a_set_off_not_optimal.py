"""The array search for potentials (whole-array rounds while many members' distances drop,
then member by member) finds the same potentials as the reference search on a graph large
enough to take both steps, and refuses a set-off that is not optimal in either step."""

import random
from unittest import mock

import numpy as np
import pytest

from commoning.core.clearing import arrays
from commoning.core.clearing.certificate import SolverDisagrees, potentials_for
from commoning.core.clearing.obligations import Obligation
from commoning.core.clearing.solve import clear


def random_obligations(count: int, members: int, seed: int) -> list[Obligation]:
    generator = random.Random(seed)
    obligations = []
    for number in range(count):
        debtor, creditor = generator.sample(range(members), 2)
        obligations.append(Obligation(f"o{number}", f"m{debtor:04}", f"m{creditor:04}",
                                      generator.randint(1, 1000)))
    return obligations


def as_arrays(*columns):
    return [np.asarray(column, dtype=np.int64) for column in columns]


def test_it_finds_the_reference_potentials_on_a_graph_of_two_thousand_members():
    clearing = clear(random_obligations(6000, 2000, seed=3))
    certificate = clearing.certificate
    members = sorted(certificate.potentials)
    number = {member: index for index, member in enumerate(members)}
    by_arc: dict[tuple[int, int], list[int]] = {}
    for obligation in certificate.obligations:
        on_arc = by_arc.setdefault((number[obligation.debtor], number[obligation.creditor]),
                                   [0, 0])
        on_arc[0] += obligation.amount
        on_arc[1] += clearing.set_off[obligation.id]
    tails, heads = [arc[0] for arc in by_arc], [arc[1] for arc in by_arc]
    capacities = [capacity for capacity, _set_off in by_arc.values()]
    set_offs = [set_off for _capacity, set_off in by_arc.values()]
    assert len(members) > 2 * arrays.FEW_ACTIVE_MEMBERS  # the rounds run before the hand-off
    with mock.patch.object(arrays, "_finish_in_python", wraps=arrays._finish_in_python) as hand:
        found = arrays.potentials_of(len(members),
                                     *as_arrays(tails, heads, capacities, set_offs))
    assert hand.called  # and the few members left were finished one by one
    assert found.tolist() == potentials_for(len(members), tails, heads, capacities, set_offs)
    assert dict(zip(members, found.tolist(), strict=True)) == certificate.potentials


@pytest.mark.parametrize("few_active", [0, arrays.FEW_ACTIVE_MEMBERS])
def test_it_refuses_a_set_off_that_leaves_a_cycle_uncleared(few_active):
    # A triangle of debts with nothing set off: clearing it would clear more.
    tails, heads, capacities, set_offs = as_arrays([0, 1, 2], [1, 2, 0], [5, 5, 5], [0, 0, 0])
    with mock.patch.object(arrays, "FEW_ACTIVE_MEMBERS", few_active), \
            pytest.raises(SolverDisagrees):
        arrays.potentials_of(3, tails, heads, capacities, set_offs)
