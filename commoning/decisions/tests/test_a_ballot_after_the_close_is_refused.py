"""A ballot dated at or after the vote's end is refused by the rule, and the page and API
refuse a ballot once the end has come (409, nothing written)."""

from commoning.decisions.models import Ballot
from commoning.decisions.testing import clock_at
from commoning.decisions.tests.kit import close_at_end, open_vote
from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.work.tests.artifact_kit import api_client


def test_the_rule_refuses_a_ballot_dated_at_the_end(association, alice, bob):
    proposal = open_vote(alice)
    with clock_at(proposal.closes_at):
        written = HostileNode.of(bob).write("decision.ballot",
                                            {"proposal": proposal.id, "choice": "yes"},
                                            deps=[proposal.id])
    assert written.status == "rejected"
    assert not Ballot.objects.exists()


def test_the_api_refuses_a_ballot_after_the_end(association, alice, bob):
    proposal = open_vote(alice)
    entries = Entry.objects.count()
    with clock_at(proposal.closes_at + 1):
        response = api_client(bob).post(f"/api/decisions/{proposal.id}/ballots",
                                        {"choice": "yes"}, content_type="application/json")
    assert response.status_code == 409
    assert Entry.objects.count() == entries


def test_a_ballot_that_knows_the_close_is_refused(association, alice, bob, carol):
    proposal = open_vote(alice)
    close = close_at_end(carol, proposal)
    # Listing the close in deps dates it at or after the close, so after the end.
    written = HostileNode.of(bob).write("decision.ballot",
                                        {"proposal": proposal.id, "choice": "yes"},
                                        deps=[proposal.id, close.id], ts=close.ts)
    assert written.status == "rejected"
