"""Snapshot's published voting vectors, re-counted by our methods where they share a rule:
single-choice is approval with one approval per ballot, approval is approval, ranked-choice is
IRV over full rankings. Every Snapshot vote there has balance 1, so each vote is one ballot
(we have no weights). Quadratic, weighted and Copeland have no counterpart here; the stored
Copeland figures are outdated anyway (see the data's PROVENANCE.md)."""

import json

import pytest

from commoning.core.voting.ballots import check_decision
from commoning.core.voting.tally import tally
from commoning.testing import conformance_folder


def load(name: str) -> dict:
    vector = json.loads((conformance_folder("voting") / name).read_text())
    assert {vote["balance"] for vote in vector["votes"]} == {1}
    return vector


def decision_of(vector: dict, method: str, ballot_of) -> dict:
    options = [str(number) for number in range(1, len(vector["proposal"]["choices"]) + 1)]
    ballots = [{"voter": f"v{i}", **ballot_of(vote["choice"])}
               for i, vote in enumerate(vector["votes"])]
    return check_decision({"method": method, "options": options,
                           "electorate": len(ballots), "ballots": ballots})


def test_single_choice_counts_are_snapshots_scores():
    vector = load("singleChoice.json")
    outcome = tally(decision_of(vector, "approval", lambda k: {"approve": [str(k)]}))
    assert list(outcome["counts"].values()) == vector["scores"]
    assert sum(outcome["counts"].values()) == vector["scoresTotal"]


def test_approval_counts_are_snapshots_scores():
    vector = load("approval.json")
    outcome = tally(decision_of(vector, "approval",
                                lambda ks: {"approve": [str(k) for k in ks]}))
    assert list(outcome["counts"].values()) == vector["scores"]
    best = max(range(len(vector["scores"])), key=vector["scores"].__getitem__)
    assert outcome["winners"] == [str(best + 1)]


@pytest.mark.parametrize("method", ["irv", "stv"])
def test_ranked_choice_ends_with_snapshots_final_round(method):
    """Snapshot's scores are the last round's tallies (0 for the eliminated); our IRV, and
    STV for one seat, reach the same last round and elect its leader."""
    vector = load("rankedChoice.json")
    outcome = tally(decision_of(vector, method,
                                lambda ks: {"ranking": [str(k) for k in ks]}))
    last_round = outcome["rounds"][-1]["tallies"]
    expected = {str(i + 1): score for i, score in enumerate(vector["scores"]) if score}
    assert {option: int(votes) for option, votes in last_round.items() if int(votes)} == expected
    best = max(range(len(vector["scores"])), key=vector["scores"].__getitem__)
    assert outcome["winners"] == [str(best + 1)]
