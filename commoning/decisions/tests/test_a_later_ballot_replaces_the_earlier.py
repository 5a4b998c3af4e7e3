"""A voter's later ballot (by their own seq) replaces the earlier; nobody counts twice."""

from commoning.decisions import actions
from commoning.decisions.outcome import outcome_of
from commoning.decisions.tests.kit import close_at_end, open_vote


def test_it_counts_only_the_latest_ballot_of_each_voter(association, net, alice, bob, carol):
    proposal = open_vote(alice)
    actions.vote(bob, proposal.id, {"choice": "no"})
    actions.vote(bob, proposal.id, {"choice": "yes"})
    actions.vote(alice, proposal.id, {"choice": "yes"})
    actions.vote(alice, proposal.id, {"choice": "no"})
    actions.vote(alice, proposal.id, {"choice": "no"})
    outcome = outcome_of(net, close_at_end(carol, proposal).id)
    assert outcome.tally["counts"] == {"yes": 1, "no": 1, "abstain": 0}
    # 1 of 2 is not more than half: the threshold is strict.
    assert outcome.passed is False


def test_a_close_that_lists_an_earlier_ballot_too_still_counts_the_later(association, net,
                                                                         alice, bob, carol):
    from commoning.decisions.models import Ballot
    from commoning.decisions.testing import clock_at
    from commoning.testing import HostileNode

    proposal = open_vote(alice)
    first = actions.vote(bob, proposal.id, {"choice": "no"})
    later = actions.vote(bob, proposal.id, {"choice": "yes"})
    assert Ballot.objects.filter(proposal_id=proposal.id).count() == 2
    with clock_at(proposal.closes_at):
        written = HostileNode.of(carol).write(
            "decision.close", {"proposal": proposal.id}, deps=[proposal.id, later.id, first.id])
    assert written.applied, written.reason
    assert outcome_of(net, written.id).tally["counts"]["yes"] == 1
    assert outcome_of(net, written.id).tally["counts"]["no"] == 0
