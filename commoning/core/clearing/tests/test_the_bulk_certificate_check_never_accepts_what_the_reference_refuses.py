"""check_certificate first tries the vectorised pass (bulk_check), which may only say
"checks" or hand over to the reference pass. It says "checks" for every genuine clearing,
and whatever is altered (a set-off, a potential, a net position, an obligation, what was kept
out, the totals, with values of the wrong type or past int64), it never says "checks" where
the reference pass finds a problem."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from commoning.core.clearing.bulk_check import certificate_checks
from commoning.core.clearing.certificate import check_obligation_by_obligation
from commoning.core.clearing.solve import clear
from commoning.core.clearing.tests.strategies import MEMBERS, cleared_obligations

# Values a forger might put where an integer belongs.
ODD_VALUES = st.one_of(
    st.integers(-3, 80), st.just(2**70), st.just(-(2**70)), st.just(True), st.just(None),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-5, max_value=80),
    st.just("7"),
)


def altered(certificate, data):
    obligations = list(certificate.obligations)
    key = data.draw(st.sampled_from([obligation.id for obligation in obligations]))
    member = data.draw(st.sampled_from(MEMBERS))
    how = data.draw(st.sampled_from([
        "set_off", "potential", "net_position", "amount", "debtor", "excluded", "opted_out",
        "total", "cleared", "extra_set_off", "missing_set_off", "set_off_and_cleared",
    ]))
    if how == "set_off":
        return dataclasses.replace(
            certificate, set_off={**certificate.set_off, key: data.draw(ODD_VALUES)})
    if how == "set_off_and_cleared":
        # A set-off past int64, with the cleared total forged to match it.
        forged = {**certificate.set_off, key: 2**70}
        return dataclasses.replace(certificate, set_off=forged, cleared=sum(forged.values()))
    if how == "potential":
        return dataclasses.replace(
            certificate, potentials={**certificate.potentials, member: data.draw(ODD_VALUES)})
    if how == "net_position":
        return dataclasses.replace(certificate, net_positions={
            **certificate.net_positions, member: data.draw(ODD_VALUES)})
    if how in ("amount", "debtor"):
        index = next(i for i, obligation in enumerate(obligations) if obligation.id == key)
        change = {"amount": data.draw(ODD_VALUES)} if how == "amount" else {"debtor": member}
        obligations[index] = dataclasses.replace(obligations[index], **change)
        return dataclasses.replace(certificate, obligations=obligations)
    if how == "excluded":
        return dataclasses.replace(certificate, excluded=certificate.excluded ^ {key})
    if how == "opted_out":
        return dataclasses.replace(certificate, opted_out=certificate.opted_out | {member})
    if how in ("total", "cleared"):
        return dataclasses.replace(certificate, **{how: data.draw(ODD_VALUES)})
    if how == "extra_set_off":
        return dataclasses.replace(certificate, set_off={**certificate.set_off, "other": 0})
    return dataclasses.replace(certificate, set_off={
        name: value for name, value in certificate.set_off.items() if name != key})


@settings(max_examples=40, deadline=None)
@given(cleared_obligations())
def test_it_says_checks_for_every_genuine_clearing(case):
    obligations, solver = case
    assert certificate_checks(clear(obligations, solver=solver).certificate)


@settings(max_examples=150, deadline=None)
@given(cleared_obligations(), st.data())
def test_it_never_says_checks_where_the_reference_pass_finds_a_problem(case, data):
    obligations, solver = case
    forged = altered(clear(obligations, solver=solver).certificate, data)
    if check_obligation_by_obligation(forged):
        assert not certificate_checks(forged)
