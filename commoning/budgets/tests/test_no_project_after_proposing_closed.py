"""Projects are proposed only while proposing is open and only by the round's electorate:
refused through the page (4xx, nothing written, the input kept) and by the shared rule."""

from commoning.budgets.models import Project
from commoning.budgets.tests import kit
from commoning.testing import HostileNode


def test_it_refuses_a_project_after_proposing_closed(client, valley, alice, carol, moved):
    round_row = kit.open_round(alice, moved.now)
    kit.to_voting(moved, round_row)
    client.force_login(carol)
    response = client.post(f"/budgets/{round_row.id}/propose/",
                           {"title": "Late lathe", "cost": "100"})
    assert response.status_code == 409
    assert "Late lathe" in response.content.decode()
    written = HostileNode.of(carol).write(
        "budget.project", {"round": round_row.id, "title": "Late lathe", "cost": 100_00},
        deps=[round_row.id])
    assert written.status == "rejected"
    assert "closed" in written.reason
    assert not Project.objects.exists()


def test_it_refuses_a_project_from_an_outsider(client, valley, alice, eve, moved):
    round_row = kit.open_round(alice, moved.now)
    client.force_login(eve)
    response = client.post(f"/budgets/{round_row.id}/propose/", {"title": "Eve's", "cost": "1"})
    assert response.status_code == 403
    written = HostileNode.of(eve).write(
        "budget.project", {"round": round_row.id, "title": "Eve's", "cost": 100},
        deps=[round_row.id])
    assert written.status == "rejected"
    assert not Project.objects.exists()


def test_it_refuses_a_project_dearer_than_the_budget(client, valley, alice, carol, moved):
    round_row = kit.open_round(alice, moved.now, budget=1_000_00)
    client.force_login(carol)
    response = client.post(f"/budgets/{round_row.id}/propose/",
                           {"title": "Barn", "cost": "1000.01"})
    assert response.status_code == 422 or response.status_code == 400
    assert "Barn" in response.content.decode()
    written = HostileNode.of(carol).write(
        "budget.project", {"round": round_row.id, "title": "Barn", "cost": 1_000_01},
        deps=[round_row.id])
    assert written.status == "rejected"
    assert not Project.objects.exists()
