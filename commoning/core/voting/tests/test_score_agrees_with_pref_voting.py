"""Score voting: totals and winner agree with pref_voting's score voting (sum of grades) on
random profiles, the winner being the tied option whose id sorts first."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pref_voting.grade_methods import score_voting
from pref_voting.grade_profiles import GradeProfile

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.tally import tally
from commoning.core.voting.tests.profiles import ORACLE_EXAMPLES, option_ids

SCORE_MAX = 5


@st.composite
def score_profiles(draw):
    options = draw(st.lists(option_ids, min_size=2, max_size=6, unique=True))
    ballots = draw(st.lists(st.dictionaries(st.integers(0, len(options) - 1),
                                            st.integers(0, SCORE_MAX), min_size=1),
                            min_size=1, max_size=20))
    return options, ballots


@settings(max_examples=ORACLE_EXAMPLES, deadline=None)
@given(score_profiles())
def test_it_elects_a_score_winner_of_pref_voting(profile):
    options, ballots = profile
    outcome = tally(check_decision({
        "method": "score", "options": options, "electorate": len(ballots),
        "score_max": SCORE_MAX,
        "ballots": [{"voter": f"v{i}", "scores": {options[j]: s for j, s in b.items()}}
                    for i, b in enumerate(ballots)]}))
    oracle = GradeProfile(ballots, list(range(SCORE_MAX + 1)),
                          candidates=list(range(len(options))))
    assert outcome["counts"] == {options[j]: int(oracle.sum(j) or 0)
                                 for j in range(len(options))}
    expected = score_voting(oracle, ungraded_score=0)
    assume(max(outcome["counts"].values()) > 0)  # nobody supported anything: no winner here
    assert outcome["winners"] == [min(options[j] for j in expected)]
