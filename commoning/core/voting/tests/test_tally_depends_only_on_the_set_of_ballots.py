"""Every method gives the same outcome and digest whatever order the ballots come in, and
however a voter's replaced ballots (carrying seq) are interleaved with the rest."""

from hypothesis import given, settings
from hypothesis import strategies as st

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.tally import tally
from commoning.core.voting.tests.profiles import ORACLE_EXAMPLES

OPTIONS = ["a", "b", "c", "d"]
rankings = st.lists(st.sampled_from(OPTIONS), unique=True, max_size=4)
contents = {
    "irv": rankings.map(lambda r: {"ranking": r}),
    "schulze": rankings.map(lambda r: {"ranking": r}),
    "stv": rankings.map(lambda r: {"ranking": r}),
    "approval": rankings.map(lambda r: {"approve": r}),
    "score": st.dictionaries(st.sampled_from(OPTIONS), st.integers(0, 5)).map(
        lambda s: {"scores": s}),
    "majority": st.sampled_from(["yes", "no", "abstain"]).map(lambda c: {"choice": c}),
    "consent": st.sampled_from(["yes", "abstain"]).map(lambda c: {"choice": c}),
}


@st.composite
def decisions_and_orders(draw):
    method = draw(st.sampled_from(sorted(contents)))
    voters = draw(st.integers(1, 12))
    ballots = []
    for voter in range(voters):
        for seq in range(1, draw(st.integers(1, 3)) + 1):
            ballots.append({"voter": f"v{voter}", "seq": seq, **draw(contents[method])})
    seats = 2 if method in ("stv", "approval", "score") else 1
    value = {"method": method, "options": OPTIONS, "seats": seats, "electorate": 12,
             "quorum": draw(st.integers(0, 12)), "ballots": ballots}
    shuffled = draw(st.permutations(ballots))
    return value, {**value, "ballots": shuffled}


@settings(max_examples=ORACLE_EXAMPLES, deadline=None)
@given(decisions_and_orders())
def test_the_outcome_and_digest_do_not_depend_on_ballot_order(pair):
    in_order, shuffled = pair
    assert tally(check_decision(shuffled)) == tally(check_decision(in_order))
