"""Quorum counts ballots cast, abstentions included, against the frozen electorate, with >=."""

from commoning.decisions import actions
from commoning.decisions.outcome import outcome_of
from commoning.decisions.tests.kit import close_at_end, open_vote


def test_it_reaches_the_quorum_with_exactly_the_quorum_of_ballots(association, net, alice,
                                                                   bob, carol):
    proposal = open_vote(alice, quorum=3)
    actions.vote(alice, proposal.id, {"choice": "yes"})
    actions.vote(bob, proposal.id, {"choice": "yes"})
    actions.vote(carol, proposal.id, {"choice": "abstain"})  # an abstention counts to quorum
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    assert outcome.tally["quorum_reached"] is True
    # 2 yes of 2 yes-or-no is more than half: passed.
    assert outcome.passed is True
    assert outcome.tally["counts"] == {"yes": 2, "no": 0, "abstain": 1}


def test_it_misses_the_quorum_one_ballot_short(association, net, alice, bob, carol):
    proposal = open_vote(alice, quorum=3)
    actions.vote(alice, proposal.id, {"choice": "yes"})
    actions.vote(bob, proposal.id, {"choice": "yes"})
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    assert outcome.tally["quorum_reached"] is False
    assert outcome.passed is False


def test_it_takes_the_quorum_from_the_statutes_percent_when_none_is_given(association, alice):
    # The statutes' default for the kind, as a percent of the four members, rounded up.
    percent = association.statutes.defaults["ordinary"][0]
    proposal = open_vote(alice)
    assert proposal.electorate_size == 4
    assert proposal.quorum == -(-percent * 4 // 100)
