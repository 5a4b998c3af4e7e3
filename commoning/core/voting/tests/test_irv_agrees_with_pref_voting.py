"""Our IRV elects the winner pref_voting's instant runoff elects, its tie-breaker set to our
tie rule (eliminate the option whose id sorts last), on random profiles."""

from hypothesis import given, settings
from pref_voting.iterative_methods import instant_runoff_tb
from pref_voting.profiles import Profile

from commoning.core.voting.tally import tally
from commoning.core.voting.tests.profiles import ORACLE_EXAMPLES, ranked_decision, ranked_profiles


@settings(max_examples=ORACLE_EXAMPLES, deadline=None)
@given(ranked_profiles())
def test_it_elects_the_instant_runoff_winner_of_pref_voting(profile):
    options, groups = profile
    decision = ranked_decision("irv", options, groups)
    outcome = tally(decision)
    oracle = Profile([list(ranking) for ranking, _ in groups], [count for _, count in groups])
    # pref_voting removes, of the tied, the candidate that comes first in tie_breaker; we
    # eliminate the option whose id sorts last, so the tie-breaker is our tie order reversed.
    expected = instant_runoff_tb(oracle, tie_breaker=list(reversed(decision.tie_order)))
    assert [decision.options.index(winner) for winner in outcome["winners"]] == expected
