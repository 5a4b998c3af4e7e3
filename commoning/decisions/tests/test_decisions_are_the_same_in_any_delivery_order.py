"""Proposals, ballots (one replaced), delegations and the close with its tally sheets, delivered
in any order, give the same state hash and the same outcome (the close waits for what it
counts, so it is never judged on a partial past)."""

from commoning.decisions import actions, rules
from commoning.decisions.models import Close
from commoning.decisions.outcome import outcome_of
from commoning.decisions.tests.kit import close_at_end, member_id, open_vote
from commoning.log.tests.kit import assert_same_in_any_order, exported_envelopes

TOPIC = "workshop tools"


def test_a_closed_vote_is_the_same_in_any_delivery_order(association, net, alice, bob, carol,
                                                        dave, monkeypatch):
    monkeypatch.setattr(rules, "COUNTED_PER_ENTRY", 2)  # so the close needs sheets
    actions.delegate(bob, topic=TOPIC, delegate_id=member_id(dave))
    proposal = open_vote(alice, method="irv", options=["lathe", "laser", "loom"], topic=TOPIC)
    actions.vote(alice, proposal.id, {"ranking": ["laser", "lathe"]})
    actions.vote(carol, proposal.id, {"ranking": ["loom"]})
    actions.vote(carol, proposal.id, {"ranking": ["lathe", "loom"]})
    actions.vote(dave, proposal.id, {"ranking": ["lathe"]})
    close = close_at_end(carol, proposal)
    expected = outcome_of(net, close.id)
    assert expected.winners == ["lathe"]  # lathe: dave, bob through dave, carol

    def observe():
        return [(row.id, row.tally["digest"]) for row in Close.objects.order_by("id")]

    assert observe() == [(close.id, expected.tally["digest"])]
    assert_same_in_any_order(exported_envelopes(), observe=observe, examples=6)
