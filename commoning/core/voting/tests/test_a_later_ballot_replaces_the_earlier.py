"""Hand cases: a voter's later ballot replaces the earlier, by seq or else by file order."""

import pytest

from commoning.core.voting.ballots import DecisionError, check_decision
from commoning.core.voting.tally import tally


def approval(ballots):
    return tally(check_decision({"method": "approval", "options": ["a", "b"],
                                 "electorate": 3, "ballots": ballots}))


def test_the_highest_seq_counts_wherever_it_stands_in_the_file():
    outcome = approval([{"voter": "v1", "approve": ["b"], "seq": 7},
                        {"voter": "v1", "approve": ["a"], "seq": 3}])
    assert outcome["counts"] == {"a": 0, "b": 1}


def test_without_seq_the_last_ballot_in_the_file_counts():
    outcome = approval([{"voter": "v1", "approve": ["b"]}, {"voter": "v1", "approve": ["a"]}])
    assert outcome["counts"] == {"a": 1, "b": 0}


def test_a_replaced_ballot_does_not_count_towards_the_quorum_twice():
    decision = check_decision({"method": "approval", "options": ["a"], "electorate": 3,
                               "quorum": 2, "ballots": [{"voter": "v1", "approve": ["a"]},
                                                        {"voter": "v1", "approve": []}]})
    assert decision.ballots_cast == 1
    assert tally(decision)["quorum_reached"] is False


def test_two_ballots_with_one_seq_are_refused():
    with pytest.raises(DecisionError, match="two ballots with seq 2"):
        approval([{"voter": "v1", "approve": ["a"], "seq": 2},
                  {"voter": "v1", "approve": ["b"], "seq": 2}])


def test_mixing_ballots_with_and_without_seq_is_refused():
    with pytest.raises(DecisionError, match="with and without seq"):
        approval([{"voter": "v1", "approve": ["a"], "seq": 2}, {"voter": "v1", "approve": []}])
