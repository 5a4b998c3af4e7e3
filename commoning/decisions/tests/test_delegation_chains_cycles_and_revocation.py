"""Liquid delegation by topic, resolved at close (commoning.core.voting.delegation): chains are
followed to the first member who voted, a direct ballot overrides, a cycle carries no vote, and
a revoked delegation carries nothing."""

from commoning.decisions import actions
from commoning.decisions.outcome import outcome_of
from commoning.decisions.tests.kit import close_at_end, member_id, open_vote

TOPIC = "workshop tools"


def test_a_chain_carries_the_last_delegates_ballot(association, net, alice, bob, carol, dave):
    actions.delegate(bob, topic=TOPIC, delegate_id=member_id(carol))
    actions.delegate(carol, topic=TOPIC, delegate_id=member_id(dave))
    proposal = open_vote(alice, topic=TOPIC)
    actions.vote(dave, proposal.id, {"choice": "yes"})
    actions.vote(alice, proposal.id, {"choice": "no"})
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    # Dave's yes counts for Dave, Carol and Bob (bob -> carol -> dave); Alice's no for her.
    assert outcome.tally["counts"] == {"yes": 3, "no": 1, "abstain": 0}
    assert outcome.passed is True


def test_a_direct_ballot_overrides_the_delegation(association, net, alice, bob, carol, dave):
    actions.delegate(bob, topic=TOPIC, delegate_id=member_id(dave))
    proposal = open_vote(alice, topic=TOPIC)
    actions.vote(dave, proposal.id, {"choice": "yes"})
    actions.vote(bob, proposal.id, {"choice": "no"})
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    assert outcome.tally["counts"] == {"yes": 1, "no": 1, "abstain": 0}


def test_a_cycle_carries_no_vote(association, net, alice, bob, carol, dave):
    actions.delegate(bob, topic=TOPIC, delegate_id=member_id(carol))
    actions.delegate(carol, topic=TOPIC, delegate_id=member_id(bob))
    proposal = open_vote(alice, topic=TOPIC)
    actions.vote(dave, proposal.id, {"choice": "yes"})
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    assert outcome.tally["counts"] == {"yes": 1, "no": 0, "abstain": 0}


def test_a_revoked_delegation_carries_nothing(association, net, alice, bob, carol, dave):
    actions.delegate(bob, topic=TOPIC, delegate_id=member_id(dave))
    actions.revoke(bob, topic=TOPIC)
    proposal = open_vote(alice, topic=TOPIC)
    actions.vote(dave, proposal.id, {"choice": "yes"})
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    assert outcome.tally["counts"]["yes"] == 1


def test_a_delegation_on_another_topic_carries_nothing(association, net, alice, bob, carol,
                                                      dave):
    actions.delegate(bob, topic="seeds", delegate_id=member_id(dave))
    proposal = open_vote(alice, topic=TOPIC)
    actions.vote(dave, proposal.id, {"choice": "yes"})
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    assert outcome.tally["counts"]["yes"] == 1
