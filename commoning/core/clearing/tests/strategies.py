"""Hypothesis strategies for obligations: a few members, so cycles, parallel obligations
(the same debtor and creditor twice) and debts both ways between two members are common."""

from hypothesis import strategies as st

from commoning.core.clearing.obligations import Obligation

MEMBERS = [f"member-{number}" for number in range(7)]


@st.composite
def obligation_lists(draw, max_obligations: int = 24, max_amount: int = 60):
    count = draw(st.integers(min_value=0, max_value=max_obligations))
    obligations = []
    for number in range(count):
        debtor = draw(st.sampled_from(MEMBERS))
        creditor = draw(st.sampled_from([member for member in MEMBERS if member != debtor]))
        amount = draw(st.integers(min_value=1, max_value=max_amount))
        obligations.append(Obligation(f"o{number:03}", debtor, creditor, amount))
    return obligations


@st.composite
def cleared_obligations(draw):
    """Obligations with at least one, plus a solver to clear them with."""
    obligations = draw(obligation_lists().filter(bool))
    return obligations, draw(st.sampled_from(["ortools", "networkx"]))
