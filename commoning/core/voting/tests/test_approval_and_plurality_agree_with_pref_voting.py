"""Approval winners are pref_voting's approval winners; approval ballots with one approval each
are plurality, and agree with pref_voting's plurality."""

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pref_voting.grade_methods import approval as oracle_approval
from pref_voting.grade_profiles import GradeProfile
from pref_voting.profiles import Profile
from pref_voting.scoring_methods import plurality as oracle_plurality

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.tally import tally
from commoning.core.voting.tests.profiles import ORACLE_EXAMPLES, option_ids, ranked_profiles


@st.composite
def approval_profiles(draw):
    options = draw(st.lists(option_ids, min_size=2, max_size=6, unique=True))
    ballots = draw(st.lists(st.sets(st.integers(0, len(options) - 1), min_size=1),
                            min_size=1, max_size=25))
    return options, ballots


@settings(max_examples=ORACLE_EXAMPLES, deadline=None)
@given(approval_profiles())
def test_it_elects_an_approval_winner_of_pref_voting(profile):
    options, ballots = profile
    decision = check_decision({
        "method": "approval", "options": options, "electorate": len(ballots),
        "ballots": [{"voter": f"v{i}", "approve": [options[j] for j in approved]}
                    for i, approved in enumerate(ballots)]})
    outcome = tally(decision)
    oracle = GradeProfile([{j: 1 for j in approved} for approved in ballots], [0, 1],
                          candidates=list(range(len(options))))
    expected = oracle_approval(oracle)
    assert outcome["counts"] == {options[j]: int(oracle.sum(j) or 0) for j in range(len(options))}
    assert outcome["winners"] == [min(options[j] for j in expected)]


@settings(max_examples=ORACLE_EXAMPLES, deadline=None)
@given(ranked_profiles())
def test_single_approvals_elect_the_plurality_winner_of_pref_voting(profile):
    options, groups = profile
    ballots = [{"voter": f"v{i}-{k}", "approve": [options[ranking[0]]]}
               for i, (ranking, count) in enumerate(groups) for k in range(count)]
    decision = check_decision({"method": "approval", "options": options,
                               "electorate": len(ballots), "ballots": ballots})
    outcome = tally(decision)
    oracle = Profile([list(ranking) for ranking, _ in groups], [count for _, count in groups])
    expected = oracle_plurality(oracle)
    assume(expected)
    assert outcome["winners"] == [min(options[j] for j in expected)]
