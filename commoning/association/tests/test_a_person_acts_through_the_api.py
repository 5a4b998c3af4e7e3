"""Through the API a member reads the association, pages its members, reads the statutes'
history, joins, approves and leaves; a forbidden act answers 4xx and changes nothing."""

import pytest
from django.test import Client

from commoning.accounts.access import account_for
from commoning.accounts.actions import create_api_token
from commoning.association import roster
from commoning.association.actions import join_association
from commoning.association.models import RosterEntry
from commoning.association.statutes import Statutes
from commoning.association.testing import make_association


def _api(user) -> Client:
    _token, secret = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _members(net):
    return roster.view_at(net, roster.current_heads(net)).members


@pytest.fixture
def strict(net, alice, bob, carol):
    return make_association(net, alice, members=(carol,), stewards=(alice,), tellers=(bob,),
                            statutes=Statutes(join_rule="approval", join_approvals=1,
                                              stewards_count=1, payment_approvals=1))


def test_it_shows_the_association_and_pages_its_members(client, net, strict, alice):
    shown = client.get("/api/association").json()
    assert shown["name"] == "Valley Association"
    assert shown["statutes"]["join_rule"] == "approval"
    assert shown["heads"] == roster.current_heads(net)
    first = client.get("/api/association/members?limit=2").json()
    assert len(first["items"]) == 2 and first["next"]
    rest = client.get(f"/api/association/members?cursor={first['next']}").json()
    ids = [item["id"] for item in first["items"] + rest["items"]]
    assert sorted(ids) == sorted(_members(net)) and rest["next"] is None
    history = client.get("/api/association/statutes").json()
    assert [version["version"] for version in history["items"]] == [1]
    assert history["next"] is None
    assert client.get("/api/association/statutes?cursor=x").status_code == 400


def test_a_bad_cursor_is_a_400(client, net, strict):
    assert client.get("/api/association/members?after=nope").status_code == 400


def test_it_joins_and_a_member_approves(net, strict, alice, eve):
    joined = _api(eve).post("/api/association/join")
    assert joined.status_code == 201 and joined.json()["member"] is False
    approved = _api(alice).post(f"/api/association/joins/{joined.json()['id']}/approve")
    assert approved.status_code == 201
    assert account_for(eve).member_id in _members(net)


def test_a_non_member_approving_gets_a_403_and_nothing_changes(net, strict, dave, eve):
    join_id = join_association(eve)
    before = RosterEntry.objects.count()
    response = _api(dave).post(f"/api/association/joins/{join_id}/approve")
    assert response.status_code == 403
    assert RosterEntry.objects.count() == before
    assert account_for(eve).member_id not in _members(net)


def test_a_non_member_leaving_gets_a_409(net, strict, dave):
    before = RosterEntry.objects.count()
    assert _api(dave).post("/api/association/leave").status_code == 409
    assert RosterEntry.objects.count() == before


def test_a_member_leaves(net, strict, carol):
    assert _api(carol).post("/api/association/leave").status_code == 201
    assert account_for(carol).member_id not in _members(net)
