"""The contract's test helper: `pass_decision` proposes, votes yes, closes; the close id it
returns is a decision `outcome_of` reads as passed, carrying the effect as proposed."""

from commoning.decisions.models import Ballot
from commoning.decisions.outcome import outcome_of
from commoning.decisions.testing import pass_decision


def test_it_passes_a_majority_decision_with_its_effect(association, net, alice, bob, carol):
    effect = {"kind": "elect", "role": "teller"}
    close_id = pass_decision(net, alice, [alice, bob, carol], carol, effect=effect,
                             method="approval", options=["x"])
    outcome = outcome_of(net, close_id)
    assert outcome.winners == ["x"]
    assert outcome.kind == "election"
    assert outcome.effect == effect
    assert Ballot.objects.count() == 3


def test_it_passes_a_yes_no_decision(association, net, alice, bob, carol):
    outcome = outcome_of(net, pass_decision(net, alice, [bob, carol], carol))
    assert outcome.passed is True
    assert outcome.tally["counts"]["yes"] == 2


def test_outcome_of_is_none_for_an_id_that_is_no_close(association, net, alice):
    assert outcome_of(net, "0" * 64) is None
    assert outcome_of(net, "not an id") is None
