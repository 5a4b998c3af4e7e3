"""Where numpy imports, clear() runs its loops as array operations; without it, as plain
Python (the networkx fallback where OR-Tools cannot be installed). On random graphs, with
members opting out and obligations excluded, both paths give the same set-off, potentials,
net positions and totals, with either solver; and the array potentials stay the same when
every step of their search runs in whole-array rounds."""

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from commoning.core.clearing import arrays, solve
from commoning.core.clearing.certificate import check_certificate
from commoning.core.clearing.tests.strategies import MEMBERS, obligation_lists


@st.composite
def clearing_cases(draw):
    obligations = draw(obligation_lists())
    ids = [obligation.id for obligation in obligations]
    excluded = draw(st.lists(st.sampled_from(ids), max_size=3)) if ids else []
    opted_out = draw(st.lists(st.sampled_from(MEMBERS), max_size=2))
    return obligations, excluded, opted_out, draw(st.sampled_from(["ortools", "networkx"]))


def the_whole_result(clearing):
    certificate = clearing.certificate
    return (clearing.set_off, clearing.total, clearing.cleared, clearing.solver,
            certificate.potentials, certificate.net_positions, certificate.excluded,
            certificate.opted_out)


@settings(max_examples=40, deadline=None)
@given(clearing_cases())
def test_both_paths_clear_alike_with_either_solver(case):
    obligations, excluded, opted_out, solver = case
    in_arrays = solve.clear(obligations, excluded=excluded, opted_out=opted_out, solver=solver)
    with mock.patch.object(solve, "_numpy_here", return_value=False):
        in_python = solve.clear(obligations, excluded=excluded, opted_out=opted_out,
                                solver=solver)
    assert the_whole_result(in_arrays) == the_whole_result(in_python)
    assert all(type(value) is int for value in in_arrays.set_off.values())
    assert all(type(value) is int for value in in_arrays.certificate.potentials.values())
    assert check_certificate(in_arrays.certificate) == []


@settings(max_examples=30, deadline=None)
@given(clearing_cases())
def test_the_potentials_are_the_same_found_in_whole_array_rounds_only(case):
    obligations, excluded, opted_out, solver = case
    usual = solve.clear(obligations, excluded=excluded, opted_out=opted_out, solver=solver)
    with mock.patch.object(arrays, "FEW_ACTIVE_MEMBERS", 0):
        in_rounds = solve.clear(obligations, excluded=excluded, opted_out=opted_out,
                                solver=solver)
    assert in_rounds.certificate.potentials == usual.certificate.potentials
