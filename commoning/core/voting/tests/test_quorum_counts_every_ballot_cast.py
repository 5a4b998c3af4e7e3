"""Hand cases: the quorum counts ballots cast, abstentions included, with >=; support
thresholds are strict."""

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.tally import tally


def majority(choices, quorum, threshold=(1, 2), electorate=10):
    return tally(check_decision({
        "method": "majority", "electorate": electorate, "quorum": quorum,
        "threshold": {"num": threshold[0], "den": threshold[1]},
        "ballots": [{"voter": f"v{i}", "choice": c} for i, c in enumerate(choices)]}))


def test_a_quorum_exactly_met_is_reached_and_abstentions_count_towards_it():
    outcome = majority(["yes", "yes", "abstain", "abstain"], quorum=4)
    assert outcome["quorum_reached"] is True
    assert outcome["passed"] is True


def test_a_quorum_missed_by_one_passes_nothing_but_shows_the_counts():
    outcome = majority(["yes", "yes", "abstain"], quorum=4)
    assert outcome["quorum_reached"] is False
    assert outcome["passed"] is False
    assert outcome["counts"] == {"yes": 2, "no": 0, "abstain": 1}


def test_a_tie_at_the_threshold_does_not_pass():
    assert majority(["yes", "no"], quorum=0)["passed"] is False


def test_a_qualified_majority_needs_more_than_two_thirds():
    assert majority(["yes", "yes", "no"], quorum=0, threshold=(2, 3))["passed"] is False
    assert majority(["yes"] * 3 + ["no"], quorum=0, threshold=(2, 3))["passed"] is True


def test_no_yes_and_no_no_does_not_pass():
    assert majority(["abstain"], quorum=1)["passed"] is False


def test_without_a_quorum_an_election_has_no_winners():
    outcome = tally(check_decision({
        "method": "irv", "options": ["a", "b"], "electorate": 5, "quorum": 3,
        "ballots": [{"voter": "v1", "ranking": ["a"]}, {"voter": "v2", "ranking": []}]}))
    assert outcome["quorum_reached"] is False
    assert outcome["winners"] == []
    assert outcome["passed"] is None
    assert outcome["counts"] == {"a": 1, "b": 0}


def test_a_reasoned_objection_blocks_consent():
    ballots = [{"voter": "v1", "choice": "yes"},
               {"voter": "v2", "choice": "object", "reason": "the shed floods"}]
    outcome = tally(check_decision({"method": "consent", "electorate": 3, "quorum": 2,
                                    "ballots": ballots}))
    assert outcome["passed"] is False
    ballots[1] = {"voter": "v2", "choice": "abstain"}
    outcome = tally(check_decision({"method": "consent", "electorate": 3, "quorum": 2,
                                    "ballots": ballots}))
    assert outcome["passed"] is True
