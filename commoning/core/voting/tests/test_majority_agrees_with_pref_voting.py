"""A simple majority (threshold 1/2) passes exactly when pref_voting's majority rule, on the
two candidates yes and no, elects yes alone; abstentions change only the quorum."""

from hypothesis import given, settings
from hypothesis import strategies as st
from pref_voting.profiles import Profile
from pref_voting.scoring_methods import plurality

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.tally import tally
from commoning.core.voting.tests.profiles import ORACLE_EXAMPLES

YES, NO = 0, 1


@settings(max_examples=ORACLE_EXAMPLES, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 10))
def test_it_passes_when_pref_voting_elects_yes_alone(yes, no, abstain):
    choices = ["yes"] * yes + ["no"] * no + ["abstain"] * abstain
    outcome = tally(check_decision({
        "method": "majority", "electorate": max(1, len(choices)),
        "ballots": [{"voter": f"v{i}", "choice": c} for i, c in enumerate(choices)]}))
    rankings = [[YES, NO]] * yes + [[NO, YES]] * no
    elects_yes_alone = bool(rankings) and plurality(Profile(rankings)) == [YES]
    assert outcome["passed"] is elects_yes_alone
    assert outcome["counts"] == {"yes": yes, "no": no, "abstain": abstain}
