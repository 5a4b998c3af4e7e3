"""Only the electorate frozen when the proposal opened votes: not a network member outside the
association, not an outsider's key, not a member who joined after it opened (however they date
it). Refused through the page and the API (4xx, nothing written) and by the shared rule."""

import pytest
from django.urls import reverse

from commoning.decisions.models import Ballot
from commoning.decisions.tests.kit import open_vote
from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.work.tests.artifact_kit import api_client, web_client


@pytest.fixture
def proposal(association, alice):
    return open_vote(alice)


def test_the_page_refuses_a_ballot_from_outside_the_association(proposal, eve):
    entries = Entry.objects.count()
    response = web_client(eve).post(reverse("decision_vote", args=[proposal.id]),
                                    {"choice": "yes"})
    assert response.status_code == 403
    assert "electorate" in response.content.decode()
    assert Entry.objects.count() == entries


def test_the_api_refuses_a_ballot_from_outside_the_association(proposal, eve):
    entries = Entry.objects.count()
    response = api_client(eve).post(f"/api/decisions/{proposal.id}/ballots",
                                    {"choice": "yes"}, content_type="application/json")
    assert response.status_code == 403
    assert Entry.objects.count() == entries


def test_the_rule_refuses_a_ballot_from_a_network_member_outside_the_association(proposal,
                                                                                 eve):
    written = HostileNode.of(eve).write("decision.ballot",
                                        {"proposal": proposal.id, "choice": "yes"},
                                        deps=[proposal.id])
    assert written.status == "rejected"
    assert not Ballot.objects.exists()


def test_the_log_refuses_a_ballot_from_an_outsiders_key(proposal, net):
    written = HostileNode.outsider(net).write("decision.ballot",
                                              {"proposal": proposal.id, "choice": "yes"},
                                              deps=[proposal.id])
    assert written.status != "applied"
    assert not Ballot.objects.exists()


def test_a_member_who_joined_after_the_proposal_opened_does_not_vote(proposal, eve):
    from commoning.association.actions import join_association

    join_association(eve)
    entries = Entry.objects.count()
    response = api_client(eve).post(f"/api/decisions/{proposal.id}/ballots",
                                    {"choice": "yes"}, content_type="application/json")
    assert response.status_code == 403
    assert Entry.objects.count() == entries
    # Dated as early as the log lets her: still outside the frozen electorate.
    written = HostileNode.of(eve).write("decision.ballot",
                                        {"proposal": proposal.id, "choice": "yes"},
                                        deps=[proposal.id], ts=proposal.created_ts)
    assert written.status == "rejected"
    assert not Ballot.objects.exists()


def test_the_rule_refuses_a_ballot_the_method_does_not_take(proposal, bob):
    written = HostileNode.of(bob).write("decision.ballot",
                                        {"proposal": proposal.id, "ranking": ["a"]},
                                        deps=[proposal.id])
    assert written.status == "rejected"
    written = HostileNode.of(bob).write("decision.ballot",
                                        {"proposal": proposal.id, "choice": "yes", "seq": 99},
                                        deps=[proposal.id])
    assert written.status == "rejected"
