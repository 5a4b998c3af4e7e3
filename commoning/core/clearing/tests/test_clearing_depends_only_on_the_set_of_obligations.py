"""The set-off of every obligation and the certificate's potentials depend only on the set of
obligations, never on the order they are handed in (for either solver)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from commoning.core.clearing.solve import clear
from commoning.core.clearing.tests.strategies import cleared_obligations


@settings(max_examples=25, deadline=None)
@given(cleared_obligations(), st.randoms(use_true_random=False))
def test_it_clears_the_same_whatever_the_order(case, random):
    obligations, solver = case
    shuffled = list(obligations)
    random.shuffle(shuffled)
    first, again = clear(obligations, solver=solver), clear(shuffled, solver=solver)
    assert again.set_off == first.set_off
    assert again.certificate.potentials == first.certificate.potentials
    assert (again.total, again.cleared) == (first.total, first.cleared)
