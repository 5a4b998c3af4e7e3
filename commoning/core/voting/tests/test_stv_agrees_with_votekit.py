"""Our STV elects the seats votekit's exact STV (Droop quota, fractional transfer,
simultaneous election) elects, on random profiles where no tie has to be broken: votekit
breaks elimination ties by first preferences, then at random, so tied profiles are left out
(our tie rule has its own hand cases)."""

import warnings

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commoning.core.voting.tally import tally
from commoning.core.voting.tests.profiles import ORACLE_EXAMPLES, ranked_decision, ranked_profiles


def votekit_elected(options, groups, seats):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # votekit and pandas warn about their own internals
        from votekit.ballot import RankBallot
        from votekit.elections import STV
        from votekit.pref_profile import RankProfile

        ballots = [RankBallot(ranking=tuple(frozenset({options[i]}) for i in ranking),
                              weight=count) for ranking, count in groups]
        profile = RankProfile(ballots=ballots, candidates=tuple(options))
        election = STV(profile, n_seats=seats, exact=True, simultaneous=True)
        return {option for tied in election.get_elected() for option in tied}


@settings(max_examples=max(20, ORACLE_EXAMPLES // 3), deadline=None)
@given(ranked_profiles(min_options=3, max_options=6, max_groups=10, max_count=40),
       st.integers(2, 3))
def test_it_elects_the_seats_votekit_elects(profile, seats):
    options, groups = profile
    assume(seats < len(options))
    decision = ranked_decision("stv", options, groups, seats=seats)
    outcome = tally(decision)
    assume(not any(round_["tie_broken"] for round_ in outcome["rounds"]))
    assert len(outcome["winners"]) == seats
    assert set(outcome["winners"]) == votekit_elected(options, groups, seats)
