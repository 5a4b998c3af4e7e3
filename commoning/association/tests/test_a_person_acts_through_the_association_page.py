"""Through the page a person joins, asks to join, approves and leaves; a refused form stays on
the page with its message beside the button and a 4xx, and changes nothing."""

import pytest

from commoning.accounts.access import account_for
from commoning.association import roster
from commoning.association.actions import join_association
from commoning.association.models import RosterEntry
from commoning.association.statutes import Statutes
from commoning.association.testing import make_association


def _id(user):
    return account_for(user).member_id


def _members(net):
    return roster.view_at(net, roster.current_heads(net)).members


@pytest.fixture
def open_association(net, alice, bob):
    return make_association(net, alice, stewards=(alice,), tellers=(bob,))


def test_the_page_shows_members_with_roles_and_the_statutes(client, net, open_association):
    response = client.get("/association/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Valley Association" in page and "steward" in page and "teller" in page
    assert "Versions of the statutes" in page


def test_a_member_joins_through_the_page_with_a_303(client, net, open_association, dave):
    client.force_login(dave)
    response = client.post("/association/join/")
    assert response.status_code == 303
    assert _id(dave) in _members(net)


def test_joining_twice_is_refused_in_place_and_changes_nothing(client, net, open_association,
                                                              bob):
    client.force_login(bob)
    before = RosterEntry.objects.count()
    response = client.post("/association/join/")
    assert response.status_code == 409
    assert "already a member" in response.content.decode()
    assert RosterEntry.objects.count() == before


def test_leaving_needs_the_confirm_tick(client, net, open_association, bob):
    client.force_login(bob)
    response = client.post("/association/leave/")
    assert response.status_code == 400
    assert _id(bob) in _members(net)
    response = client.post("/association/leave/", {"confirm": "on"})
    assert response.status_code == 303
    assert _id(bob) not in _members(net)


def test_a_non_member_approving_through_the_page_gets_a_403(client, net, alice, bob, dave, eve):
    make_association(net, alice, stewards=(alice,), tellers=(bob,),
                     statutes=Statutes(join_rule="approval", join_approvals=1,
                                       stewards_count=1, payment_approvals=1))
    join_id = join_association(eve)
    client.force_login(dave)
    before = RosterEntry.objects.count()
    response = client.post(f"/association/approve/{join_id}/")
    assert response.status_code == 403
    assert RosterEntry.objects.count() == before
    assert _id(eve) not in _members(net)
    client.force_login(alice)
    assert client.post(f"/association/approve/{join_id}/").status_code == 303
    assert _id(eve) in _members(net)


def test_an_action_address_answers_a_reload_with_a_303_to_the_page(client, net, alice):
    client.force_login(alice)
    response = client.get("/association/join/")
    assert response.status_code == 303
    assert response["Location"] == "/association/"


def test_the_page_of_a_network_without_an_association_says_so(client, net):
    response = client.get("/association/")
    assert response.status_code == 200
    assert "no association yet" in response.content.decode()
