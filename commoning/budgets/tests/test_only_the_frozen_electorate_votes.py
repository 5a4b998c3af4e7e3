"""Only members of the association when the round opened vote: an outsider (in the network,
not the association) and a member who joined after the round opened are refused through the
page and the API, and by the shared rule when writing a ballot directly."""

import pytest

from commoning.association.actions import join_association
from commoning.budgets import actions
from commoning.budgets.models import Ballot
from commoning.budgets.tests import kit
from commoning.log.registry import Forbidden
from commoning.testing import HostileNode


def voting_round(alice, carol, moved):
    round_row = kit.open_round(alice, moved.now)
    project = actions.propose_project(carol, round_row.id, title="Lathe", cost_minor=100_00)
    kit.to_voting(moved, round_row)
    return round_row, project


def test_it_refuses_an_outsider_voting_through_the_page(client, valley, alice, carol, eve, moved):
    round_row, project = voting_round(alice, carol, moved)
    client.force_login(eve)
    response = client.post(f"/budgets/{round_row.id}/vote/", {"approve": [project.id]})
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_it_refuses_an_outsider_voting_through_the_api(client, valley, alice, carol, eve, moved):
    round_row, project = voting_round(alice, carol, moved)
    response = client.post(f"/api/budgets/{round_row.id}/ballots", {"approve": [project.id]},
                           content_type="application/json", headers=kit.bearer(eve))
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_it_rejects_an_outsiders_ballot_written_directly(valley, alice, carol, eve, moved):
    round_row, project = voting_round(alice, carol, moved)
    written = HostileNode.of(eve).write(
        "budget.ballot", {"round": round_row.id, "approve": [project.id]}, deps=[round_row.id])
    assert written.status == "rejected"
    assert "members" in written.reason
    assert not Ballot.objects.exists()


def test_a_member_who_joined_after_the_round_opened_cannot_vote(valley, alice, carol, eve,
                                                                moved):
    round_row, project = voting_round(alice, carol, moved)
    join_association(eve)  # an open join: Eve is a member now, but not of this round
    with pytest.raises(Forbidden):
        actions.cast_ballot(eve, round_row.id, approve=[project.id])
    written = HostileNode.of(eve).write(
        "budget.ballot", {"round": round_row.id, "approve": [project.id]}, deps=[round_row.id])
    assert written.status == "rejected"
    assert not Ballot.objects.exists()
