"""Our Schulze winners are pref_voting's beat-path winners on random profiles; of several, the
one whose id sorts first is elected."""

from hypothesis import given, settings
from pref_voting.margin_based_methods import beat_path
from pref_voting.profiles import Profile

from commoning.core.voting.tally import tally
from commoning.core.voting.tests.profiles import ORACLE_EXAMPLES, ranked_decision, ranked_profiles


@settings(max_examples=ORACLE_EXAMPLES, deadline=None)
@given(ranked_profiles())
def test_it_finds_the_beat_path_winners_of_pref_voting(profile):
    options, groups = profile
    decision = ranked_decision("schulze", options, groups)
    outcome = tally(decision)
    oracle = Profile([list(ranking) for ranking, _ in groups], [count for _, count in groups])
    expected = beat_path(oracle)
    found = sorted(decision.options.index(o) for o in outcome["counts"]["schulze_winners"])
    assert found == expected
    first_by_id = min(decision.options[index] for index in expected)
    assert outcome["winners"] == [first_by_id]


@settings(max_examples=ORACLE_EXAMPLES, deadline=None)
@given(ranked_profiles())
def test_its_pairwise_counts_are_pref_voting_support(profile):
    options, groups = profile
    decision = ranked_decision("schulze", options, groups)
    pairwise = tally(decision)["counts"]["pairwise"]
    oracle = Profile([list(ranking) for ranking, _ in groups], [count for _, count in groups])
    for a, row in pairwise.items():
        for b, count in row.items():
            assert count == oracle.support(options.index(a), options.index(b))
