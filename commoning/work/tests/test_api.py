"""The peer-production flow through the API, with each member's own token."""

from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.commons.actions import create_commons
from commoning.work.tests.helpers import FAST_RULES, member_id


def _client(user):
    _row, token = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_it_runs_the_flow_through_the_api(alice, bob, carol, dave):
    commons = create_commons(alice, name="Loom", licence="CERN-OHL-S-2.0")
    api = {user.username: _client(user) for user in (alice, bob, carol, dave)}
    response = api["alice"].put(
        f"/api/work/commons/{commons.id}/rules", FAST_RULES, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["mode"] == "rules-led"
    task = (
        api["alice"]
        .post(
            f"/api/work/commons/{commons.id}/tasks",
            {"title": "Warp it", "kind": "design"},
            content_type="application/json",
        )
        .json()
    )
    claimed = api["bob"].post(
        f"/api/work/tasks/{task['id']}/claim", {}, content_type="application/json"
    )
    assert claimed.json()["status"] == "claimed"
    assert claimed.json()["holder_id"] == member_id(bob)
    contribution = api["bob"].post(
        "/api/work/contributions",
        {
            "commons": commons.id,
            "kind": "design",
            "effort_minutes": 50,
            "description": "Drew it",
            "task": task["id"],
        },
        content_type="application/json",
    )
    assert contribution.status_code == 201
    contribution_id = contribution.json()["id"]
    for judge in ("carol", "dave"):
        response = api[judge].post(
            f"/api/work/contributions/{contribution_id}/validations",
            {"verdict": "approve"},
            content_type="application/json",
        )
        assert response.status_code == 201
    shown = Client().get(f"/api/work/contributions/{contribution_id}").json()
    assert shown["state"] == "validated"
    reputation = Client().get(f"/api/work/members/{member_id(bob)}/reputation").json()
    assert reputation["validated"] == 1
    assert reputation["kinds"]["design"] == {"count": 1, "effort_minutes": 50}
    board = Client().get(f"/api/work/commons/{commons.id}/tasks").json()
    assert [t["status"] for t in board["items"]] == ["done"]
    assert api["bob"].get("/api/work/matches").status_code == 200
