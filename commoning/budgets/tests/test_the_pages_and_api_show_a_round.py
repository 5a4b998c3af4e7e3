"""The pages and the API show a round as it stands: the list, the ballot form with the running
total of the saved ballot, the result with votes per project, funded and skipped; action
addresses asked with GET go to the round's page."""

from commoning.budgets import actions
from commoning.budgets.tests import kit


def test_the_ballot_form_shows_the_total_of_the_saved_ballot(client, valley, alice, carol, moved):
    round_row = kit.open_round(alice, moved.now, budget=1_000_00)
    lathe = actions.propose_project(carol, round_row.id, title="Lathe", cost_minor=600_00)
    actions.propose_project(carol, round_row.id, title="Shelves", cost_minor=450_50)
    kit.to_voting(moved, round_row)
    client.force_login(carol)
    response = client.post(f"/budgets/{round_row.id}/vote/", {"approve": [lathe.id]})
    assert response.status_code == 303
    page = client.get(f"/budgets/{round_row.id}/").content.decode()
    assert "data-running-total" in page
    assert "600.00 EUR</strong> / 1,000.00 EUR" in page
    assert "Change my ballot" in page
    assert 'data-cost="45050"' in page
    assert 'class="thread"' in page  # members discuss the round's projects on its page


def test_the_result_shows_votes_funded_and_skipped(client, valley, alice, bob, carol, moved):
    round_row = kit.open_round(alice, moved.now, budget=1_000_00)
    lathe = actions.propose_project(carol, round_row.id, title="Lathe", cost_minor=600_00)
    shelves = actions.propose_project(carol, round_row.id, title="Shelves", cost_minor=500_00)
    kit.to_voting(moved, round_row)
    actions.cast_ballot(carol, round_row.id, approve=[lathe.id, shelves.id])
    actions.cast_ballot(alice, round_row.id, approve=[lathe.id])
    kit.to_counting(moved, round_row)
    actions.close_round(bob, round_row.id)
    page = client.get(f"/budgets/{round_row.id}/").content.decode()
    assert "2 ballots counted." in page
    assert "1 project funded, 600.00 EUR of the budget." in page
    assert "funded (1)" in page and "skipped: no longer fits" in page
    listing = client.get("/budgets/").content.decode()
    assert "Workshop hours 2026" in listing and "closed" in listing
    api = client.get(f"/api/budgets/{round_row.id}/projects").json()["items"]
    assert [(p["title"], p["votes"], p["selected_rank"]) for p in api] == [
        ("Lathe", 2, 1), ("Shelves", 1, None)]
    assert client.get(f"/api/budgets/{round_row.id}").json()["phase"] == "closed"


def test_action_addresses_asked_with_get_go_to_the_round(client, valley, alice, moved):
    round_row = kit.open_round(alice, moved.now)
    for action in ("propose", "vote", "close"):
        response = client.get(f"/budgets/{round_row.id}/{action}/")
        assert response.status_code == 303
        assert response["Location"] == f"/budgets/{round_row.id}/"


def test_an_unknown_round_is_a_404(client, valley):
    assert client.get(f"/budgets/{'0' * 64}/").status_code == 404
    assert client.get("/budgets/not-an-id/").status_code == 404
    assert client.get(f"/api/budgets/{'0' * 64}").status_code == 404
