"""The certificate check accepts every clearing the solvers produce and refuses one in which an
obligation, a set-off, a potential or a net position was altered, or a set-off that is not
optimal, whatever potentials come with it."""

import dataclasses

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commoning.core.clearing.certificate import check_certificate
from commoning.core.clearing.solve import clear
from commoning.core.clearing.tests.strategies import MEMBERS, cleared_obligations

PROPERTY = settings(max_examples=50, deadline=None)


@PROPERTY
@given(cleared_obligations())
def test_it_accepts_every_clearing_either_solver_finds(case):
    obligations, solver = case
    assert check_certificate(clear(obligations, solver=solver).certificate) == []


@PROPERTY
@given(cleared_obligations(), st.data())
def test_it_refuses_an_obligation_altered(case, data):
    obligations, solver = case
    certificate = clear(obligations, solver=solver).certificate
    index = data.draw(st.integers(0, len(obligations) - 1))
    original = obligations[index]
    others = [member for member in MEMBERS if member not in (original.debtor, original.creditor)]
    altered = data.draw(st.one_of(
        st.integers(1, 50).map(lambda more: dataclasses.replace(
            original, amount=original.amount + more)),
        st.sampled_from(others).map(lambda debtor: dataclasses.replace(original, debtor=debtor)),
        st.sampled_from(others).map(
            lambda creditor: dataclasses.replace(original, creditor=creditor)),
        st.just(dataclasses.replace(original, debtor=original.creditor,
                                    creditor=original.debtor)),
    ))
    forged = list(obligations)
    forged[index] = altered
    assert check_certificate(dataclasses.replace(certificate, obligations=forged)) != []


@PROPERTY
@given(cleared_obligations(), st.data())
def test_it_refuses_a_set_off_altered(case, data):
    obligations, solver = case
    certificate = clear(obligations, solver=solver).certificate
    obligation = data.draw(st.sampled_from(obligations))
    current = certificate.set_off[obligation.id]
    forged_value = data.draw(
        st.integers(-5, obligation.amount + 5).filter(lambda value: value != current)
    )
    forged = {**certificate.set_off, obligation.id: forged_value}
    assert check_certificate(dataclasses.replace(certificate, set_off=forged)) != []


@PROPERTY
@given(cleared_obligations(), st.data())
def test_it_refuses_a_potential_altered_so_that_any_obligation_breaks_its_condition(case, data):
    obligations, solver = case
    clearing = clear(obligations, solver=solver)
    certificate = clearing.certificate
    # Each obligation keeps something or sets something off, so one of its two conditions
    # binds: move its debtor's potential to break that one.
    obligation = data.draw(st.sampled_from(obligations))
    creditor_potential = certificate.potentials[obligation.creditor]
    keeps_some = clearing.set_off[obligation.id] < obligation.amount
    broken = creditor_potential - data.draw(st.integers(0, 3)) if keeps_some \
        else creditor_potential + data.draw(st.integers(2, 5))
    forged = {**certificate.potentials, obligation.debtor: broken}
    assert check_certificate(dataclasses.replace(certificate, potentials=forged)) != []


@PROPERTY
@given(cleared_obligations(), st.data())
def test_it_refuses_a_net_position_altered(case, data):
    obligations, solver = case
    certificate = clear(obligations, solver=solver).certificate
    member = data.draw(st.sampled_from(sorted(certificate.net_positions)))
    change = data.draw(st.integers(-100, 100).filter(bool))
    forged = {**certificate.net_positions, member: certificate.net_positions[member] + change}
    assert check_certificate(dataclasses.replace(certificate, net_positions=forged)) != []


@PROPERTY
@given(cleared_obligations(), st.data())
def test_no_potentials_prove_a_set_off_that_clears_less_than_the_optimum(case, data):
    obligations, solver = case
    clearing = clear(obligations, solver=solver)
    assume(clearing.cleared > 0)
    nothing_cleared = {obligation.id: 0 for obligation in obligations}
    potentials = data.draw(st.one_of(
        st.just(clearing.certificate.potentials),
        st.fixed_dictionaries({member: st.integers(-8, 8) for member in MEMBERS}),
    ))
    forged = dataclasses.replace(
        clearing.certificate, set_off=nothing_cleared, potentials=potentials, cleared=0
    )
    assert check_certificate(forged) != []


def test_it_refuses_a_set_off_on_an_excluded_obligation():
    from commoning.core.clearing.obligations import Obligation

    triangle = [Obligation("ab", "a", "b", 5), Obligation("bc", "b", "c", 5),
                Obligation("ca", "c", "a", 5)]
    cleared = clear(triangle).certificate
    assert cleared.cleared == 15
    forged = dataclasses.replace(cleared, excluded=frozenset({"ab"}))
    assert any("excluded" in problem for problem in check_certificate(forged))
    forged = dataclasses.replace(cleared, opted_out=frozenset({"c"}))
    assert any("opted out" in problem for problem in check_certificate(forged))
