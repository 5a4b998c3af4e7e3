"""A ballot is cast only while voting is open: before proposing closes and after voting closes
it is refused through the page (409, nothing written) and by the shared rule; a ballot dated
back into the window after the teller closed is not counted, because the close lists exactly
which ballots count."""

from commoning.budgets import actions
from commoning.budgets.models import Ballot, Project
from commoning.budgets.tests import kit
from commoning.testing import HostileNode


def test_it_refuses_a_ballot_before_voting_opens(client, valley, alice, carol, moved):
    round_row = kit.open_round(alice, moved.now)
    project = actions.propose_project(carol, round_row.id, title="Lathe", cost_minor=100_00)
    client.force_login(carol)
    response = client.post(f"/budgets/{round_row.id}/vote/", {"approve": [project.id]})
    assert response.status_code == 409
    written = HostileNode.of(carol).write(
        "budget.ballot", {"round": round_row.id, "approve": [project.id]}, deps=[round_row.id])
    assert written.status == "rejected"
    assert "not opened" in written.reason
    assert not Ballot.objects.exists()


def test_it_refuses_a_ballot_after_voting_closed(client, valley, alice, carol, moved):
    round_row = kit.open_round(alice, moved.now)
    project = actions.propose_project(carol, round_row.id, title="Lathe", cost_minor=100_00)
    kit.to_counting(moved, round_row)
    client.force_login(carol)
    response = client.post(f"/api/budgets/{round_row.id}/ballots", {"approve": [project.id]},
                           content_type="application/json", headers=kit.bearer(carol))
    assert response.status_code == 409
    written = HostileNode.of(carol).write(
        "budget.ballot", {"round": round_row.id, "approve": [project.id]}, deps=[round_row.id])
    assert written.status == "rejected"
    assert "closed" in written.reason
    assert not Ballot.objects.exists()


def test_a_backdated_ballot_after_the_close_is_not_counted(valley, alice, bob, carol, moved):
    round_row = kit.open_round(alice, moved.now)
    project = actions.propose_project(carol, round_row.id, title="Lathe", cost_minor=100_00)
    kit.to_voting(moved, round_row)
    actions.cast_ballot(alice, round_row.id, approve=[project.id])
    kit.to_counting(moved, round_row)
    actions.close_round(bob, round_row.id)
    # Carol dates her ballot inside the window, after the close was written.
    written = HostileNode.of(carol).write(
        "budget.ballot", {"round": round_row.id, "approve": [project.id]}, deps=[round_row.id],
        ts=round_row.voting_closes_ms - 1)
    assert written.applied, written.reason
    assert Project.objects.get(id=project.id).votes == 1
