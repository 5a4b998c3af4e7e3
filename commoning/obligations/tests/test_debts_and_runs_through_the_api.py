"""Debts and a clearing run through the API, each member with their own token; refusals are
4xx with nothing changed."""

from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.obligations.models import ClearingRun, Obligation
from commoning.obligations.tests.kit import member_id


def _client(user):
    _row, token = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_three_members_clear_a_cycle_through_the_api(alice, bob, carol):
    api = {user.username: _client(user) for user in (alice, bob, carol)}
    pairs = (("bob", alice, 3000), ("carol", bob, 2000), ("alice", carol, 2500))
    for creditor, debtor, amount in pairs:
        response = api[creditor].post("/api/obligations", {
            "debtor_id": member_id(debtor), "amount": amount, "unit": "EUR"
        }, content_type="application/json")
        assert response.status_code == 201, response.content
        obligation_id = response.json()["id"]
        assert api[debtor.username].post(
            f"/api/obligations/{obligation_id}/confirm").status_code == 200
    response = api["alice"].post("/api/clearing/runs", {"unit": "EUR"},
                                 content_type="application/json")
    assert response.status_code == 201, response.content
    run_id = response.json()["id"]
    detail = api["bob"].get(f"/api/clearing/runs/{run_id}").json()
    assert sum(item["set_off"] for item in detail["items"]) == 6000
    for name in ("alice", "bob", "carol"):
        assert api[name].post(f"/api/clearing/runs/{run_id}/consent").status_code == 200
    assert ClearingRun.objects.get(id=run_id).status == "applied"
    assert sorted(Obligation.objects.values_list("remaining", flat=True)) == [0, 500, 1000]
    listed = api["alice"].get("/api/obligations?list=owing").json()
    assert [row["remaining"] for row in listed["items"]] == [1000]


def test_the_api_refuses_confirming_for_another_and_bad_amounts(alice, bob, eve):
    api = _client(alice)
    response = api.post("/api/obligations", {"debtor_id": member_id(bob), "amount": 1.5,
                                             "unit": "EUR"}, content_type="application/json")
    assert response.status_code in (400, 422)
    response = api.post("/api/obligations", {"debtor_id": member_id(bob), "amount": 150,
                                             "unit": "EUR"}, content_type="application/json")
    obligation_id = response.json()["id"]
    assert _client(eve).post(f"/api/obligations/{obligation_id}/confirm").status_code == 404
    assert api.post(f"/api/obligations/{obligation_id}/confirm").status_code == 403
    assert not Obligation.objects.get(id=obligation_id).confirmed
