"""Delegation, hand-computed: chains, cycles, revocations, a direct ballot overriding."""

import pytest

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.delegation import (
    DelegationAct,
    DelegationError,
    ballots_for_tally,
    resolve,
)
from commoning.core.voting.tally import tally

YES = {"choice": "yes"}
NO = {"choice": "no"}
MEMBERS = ["ana", "ben", "cai", "dee", "eli"]


def act(voter, delegate, seq=1, topic="garden"):
    return DelegationAct(voter=voter, topic=topic, delegate=delegate, seq=seq)


def who_counts(effective):
    return {item.voter: (item.cast_by, item.ballot) for item in effective}


def test_a_chain_reaches_the_first_member_who_voted():
    acts = [act("ana", "ben"), act("ben", "cai"), act("cai", "dee")]
    effective = resolve(MEMBERS, {"dee": YES}, acts, "garden")
    assert who_counts(effective) == {"ana": ("dee", YES), "ben": ("dee", YES),
                                     "cai": ("dee", YES), "dee": ("dee", YES)}
    assert next(e for e in effective if e.voter == "ana").chain == ("ana", "ben", "cai", "dee")


def test_a_direct_ballot_overrides_the_voters_delegation():
    acts = [act("ana", "ben")]
    effective = resolve(MEMBERS, {"ana": NO, "ben": YES}, acts, "garden")
    assert who_counts(effective) == {"ana": ("ana", NO), "ben": ("ben", YES)}


def test_a_delegate_who_voted_stops_the_chain_there():
    acts = [act("ana", "ben"), act("ben", "cai")]
    effective = resolve(MEMBERS, {"ben": NO, "cai": YES}, acts, "garden")
    assert who_counts(effective)["ana"] == ("ben", NO)


def test_a_cycle_goes_nowhere():
    acts = [act("ana", "ben"), act("ben", "cai"), act("cai", "ana"), act("dee", "ana")]
    effective = resolve(MEMBERS, {"eli": YES}, acts, "garden")
    assert who_counts(effective) == {"eli": ("eli", YES)}


def test_a_cycle_with_a_voter_on_it_resolves_to_that_voter():
    acts = [act("ana", "ben"), act("ben", "ana")]
    effective = resolve(MEMBERS, {"ben": YES}, acts, "garden")
    assert who_counts(effective) == {"ana": ("ben", YES), "ben": ("ben", YES)}


def test_a_revocation_takes_the_vote_back():
    acts = [act("ana", "ben", seq=1), act("ana", None, seq=2)]
    assert "ana" not in who_counts(resolve(MEMBERS, {"ben": YES}, acts, "garden"))


def test_the_latest_act_counts_whatever_the_order_given():
    acts = [act("ana", "cai", seq=3), act("ana", "ben", seq=2), act("ana", None, seq=1)]
    effective = resolve(MEMBERS, {"ben": YES, "cai": NO}, acts, "garden")
    assert who_counts(effective)["ana"] == ("cai", NO)


def test_delegations_on_another_topic_do_not_count():
    acts = [act("ana", "ben", topic="tools")]
    assert "ana" not in who_counts(resolve(MEMBERS, {"ben": YES}, acts, "garden"))
    assert "ana" not in who_counts(resolve(MEMBERS, {"ben": YES}, acts, None))


def test_a_chain_through_someone_outside_the_electorate_goes_nowhere():
    acts = [act("ana", "zed"), act("zed", "ben")]
    effective = resolve(MEMBERS, {"ben": YES, "zed": NO}, acts, "garden")
    assert who_counts(effective) == {"ben": ("ben", YES)}


def test_two_acts_with_one_seq_are_refused():
    with pytest.raises(DelegationError):
        resolve(MEMBERS, {}, [act("ana", "ben", seq=4), act("ana", "cai", seq=4)], "garden")


def test_the_delegated_ballots_are_tallied_as_the_voters_own():
    acts = [act("ana", "ben"), act("cai", "ben")]
    effective = resolve(MEMBERS, {"ben": YES, "dee": NO}, acts, "garden")
    outcome = tally(check_decision({"method": "majority", "electorate": len(MEMBERS),
                                    "quorum": 4, "ballots": ballots_for_tally(effective)}))
    assert outcome["counts"] == {"yes": 3, "no": 1, "abstain": 0}
    assert outcome["quorum_reached"] is True
    assert outcome["passed"] is True
