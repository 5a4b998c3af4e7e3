"""A close counts exactly the ballots and delegations it lists in deps, through tally sheets when
they do not fit in one entry; it refuses to list anything else."""

from commoning.decisions import actions, rules
from commoning.decisions.models import Close, TallySheet
from commoning.decisions.outcome import outcome_of
from commoning.decisions.testing import clock_at
from commoning.decisions.tests.kit import close_at_end, open_vote
from commoning.log.models import Entry
from commoning.testing import HostileNode


def test_a_ballot_left_out_of_the_close_does_not_count(association, net, alice, bob, carol):
    proposal = open_vote(alice)
    counted = actions.vote(alice, proposal.id, {"choice": "yes"})
    actions.vote(bob, proposal.id, {"choice": "no"})
    with clock_at(proposal.closes_at):
        written = HostileNode.of(carol).write("decision.close", {"proposal": proposal.id},
                                              deps=[proposal.id, counted.id])
    assert written.applied, written.reason
    assert outcome_of(net, written.id).tally["counts"] == {"yes": 1, "no": 0, "abstain": 0}


def test_it_refuses_a_close_listing_an_entry_that_is_no_ballot_of_the_proposal(
        association, net, alice, bob, carol):
    proposal = open_vote(alice)
    other = open_vote(alice, question="Another one?")
    foreign = actions.vote(bob, other.id, {"choice": "yes"})
    with clock_at(proposal.closes_at):
        written = HostileNode.of(carol).write("decision.close", {"proposal": proposal.id},
                                              deps=[proposal.id, foreign.id])
    assert written.status == "rejected"
    assert not Close.objects.exists()


def test_it_refuses_data_beyond_the_proposal(association, alice, carol):
    proposal = open_vote(alice)
    with clock_at(proposal.closes_at):
        written = HostileNode.of(carol).write(
            "decision.close", {"proposal": proposal.id, "winners": ["me"]}, deps=[proposal.id])
    assert written.status == "rejected"


def test_a_close_of_more_ballots_than_deps_counts_them_through_sheets(
        association, net, alice, bob, carol, dave, monkeypatch):
    monkeypatch.setattr(rules, "COUNTED_PER_ENTRY", 2)  # 4 ballots: two sheets of two
    proposal = open_vote(alice)
    for voter, choice in ((alice, "yes"), (bob, "yes"), (carol, "no"), (dave, "yes")):
        actions.vote(voter, proposal.id, {"choice": choice})
    close = close_at_end(carol, proposal)
    assert len(close.deps) == 3  # the proposal and two sheets
    assert TallySheet.objects.count() == 2
    assert outcome_of(net, close.id).tally["counts"] == {"yes": 3, "no": 1, "abstain": 0}


def test_it_refuses_a_sheet_by_a_member_who_is_not_a_teller(association, alice, bob):
    proposal = open_vote(alice)
    ballot = actions.vote(bob, proposal.id, {"choice": "yes"})
    entries = Entry.objects.filter(type="decision.sheet", status="applied").count()
    with clock_at(proposal.closes_at):
        written = HostileNode.of(bob).write("decision.sheet", {"proposal": proposal.id},
                                            deps=[proposal.id, ballot.id])
    assert written.status == "rejected"
    assert Entry.objects.filter(type="decision.sheet", status="applied").count() == entries
