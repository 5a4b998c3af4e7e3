"""A vote is closed by a teller (as the proposal's roster saw the tellers), dated at or after
its end: not by another member, not before time, not backdated into the window. Refused through
the page and the API (4xx, nothing written) and by the shared rule."""

import pytest
from django.urls import reverse

from commoning.decisions import actions
from commoning.decisions.models import Close
from commoning.decisions.testing import clock_at
from commoning.decisions.tests.kit import open_vote
from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.work.tests.artifact_kit import api_client, web_client


@pytest.fixture
def proposal(association, alice, bob):
    proposal = open_vote(alice)
    ballot = actions.vote(bob, proposal.id, {"choice": "yes"})
    proposal.ballot_id = ballot.id
    return proposal


def test_the_page_refuses_a_close_by_a_member_who_is_not_a_teller(proposal, bob):
    entries = Entry.objects.count()
    with clock_at(proposal.closes_at):
        response = web_client(bob).post(reverse("decision_close", args=[proposal.id]),
                                        {"confirm": "on"})
    assert response.status_code == 403
    assert Entry.objects.count() == entries


def test_the_api_refuses_a_close_by_a_member_who_is_not_a_teller(proposal, bob):
    entries = Entry.objects.count()
    with clock_at(proposal.closes_at):
        response = api_client(bob).post(f"/api/decisions/{proposal.id}/close")
    assert response.status_code == 403
    assert Entry.objects.count() == entries


def test_the_rule_refuses_a_close_by_a_member_who_is_not_a_teller(proposal, bob):
    with clock_at(proposal.closes_at):
        written = HostileNode.of(bob).write("decision.close", {"proposal": proposal.id},
                                            deps=[proposal.id, proposal.ballot_id])
    assert written.status == "rejected"
    assert not Close.objects.exists()


def test_the_page_and_api_refuse_a_close_before_the_end(proposal, carol):
    entries = Entry.objects.count()
    response = web_client(carol).post(reverse("decision_close", args=[proposal.id]),
                                      {"confirm": "on"})
    assert response.status_code == 409
    response = api_client(carol).post(f"/api/decisions/{proposal.id}/close")
    assert response.status_code == 409
    assert Entry.objects.count() == entries


def test_the_page_refuses_a_close_without_its_confirmation_tick(proposal, carol):
    entries = Entry.objects.count()
    with clock_at(proposal.closes_at):
        response = web_client(carol).post(reverse("decision_close", args=[proposal.id]), {})
    assert response.status_code == 400
    assert Entry.objects.count() == entries


def test_the_rule_refuses_a_close_dated_before_the_end(proposal, carol):
    written = HostileNode.of(carol).write("decision.close", {"proposal": proposal.id},
                                          deps=[proposal.id, proposal.ballot_id],
                                          ts=proposal.closes_at - 1)
    assert written.status == "rejected"
    assert "still open" in written.reason
    assert not Close.objects.exists()


def test_a_close_backdated_before_what_it_counts_is_refused_by_the_log(proposal, carol):
    # Dated before a ballot it lists: the log's own time rule (decision 0004) refuses it.
    written = HostileNode.of(carol).write("decision.close", {"proposal": proposal.id},
                                          deps=[proposal.id, proposal.ballot_id],
                                          ts=proposal.created_ts)
    assert written.status == "rejected"
    assert not Close.objects.exists()


def test_a_close_at_the_end_by_the_teller_stands(proposal, carol):
    with clock_at(proposal.closes_at):
        response = web_client(carol).post(reverse("decision_close", args=[proposal.id]),
                                          {"confirm": "on"})
    assert response.status_code == 303
    assert response["Location"] == reverse("decision_result", args=[proposal.id])
    assert Close.objects.get().tally["counts"]["yes"] == 1
