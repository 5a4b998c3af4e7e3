"""A display name that looks like another member's (also one who joined on another node) is
warned about on the form, and the member may keep it; the handle beside every name is what
tells the two apart."""

import pytest

from commoning.accounts.models import Member
from commoning.accounts.names import member_handle, name_skeleton
from commoning.testing import HostileNode

GOOD_PASSWORD = "a-long-enough-passphrase"
CYRILLIC_ALICE = "\u0410lice"  # Cyrillic capital A, then Latin "lice"


@pytest.mark.parametrize(
    "lookalike", ["alice", "ALICE", CYRILLIC_ALICE, "A1ice", "Al\u00edce", "\uff21lice", "A lice"]
)
def test_look_alike_names_share_a_skeleton(lookalike):
    assert name_skeleton(lookalike) == name_skeleton("Alice")


@pytest.mark.parametrize("other", ["Alicia", "Bob", "Malice"])
def test_different_names_do_not(other):
    assert name_skeleton(other) != name_skeleton("Alice")


def test_it_warns_at_sign_up_and_keeps_the_input(client, alice):
    form = {"username": "mallory", "display_name": CYRILLIC_ALICE, "password": GOOD_PASSWORD}
    response = client.post("/signup/", form)
    assert response.status_code == 200
    page = response.content.decode()
    assert "looks like the name of another member" in page
    assert member_handle(alice.account.member_id) in page
    assert f'value="{CYRILLIC_ALICE}"' in page
    assert not Member.objects.filter(name=CYRILLIC_ALICE).exists()


def test_the_member_may_keep_a_look_alike_name(client, alice):
    form = {"username": "alice2", "display_name": "Alice", "password": GOOD_PASSWORD,
            "keep_lookalike_name": "on"}
    response = client.post("/signup/", form)
    assert response.status_code == 302
    assert Member.objects.filter(name="Alice").count() == 2


def test_it_warns_when_renaming_oneself_to_anothers_name(client, alice, eve):
    client.force_login(eve)
    response = client.post("/profile/", {"name": "alice", "bio": ""})
    assert response.status_code == 200
    assert "looks like the name of another member" in response.content.decode()
    assert Member.objects.get(id=eve.account.member_id).name == "Eve"
    response = client.post("/profile/", {"name": "alice", "bio": "", "keep_lookalike_name": "on"})
    assert response.status_code == 302
    assert Member.objects.get(id=eve.account.member_id).name == "alice"


def test_it_does_not_warn_about_ones_own_name(client, alice):
    client.force_login(alice)
    response = client.post("/profile/", {"name": "Alice", "bio": "Welder."})
    assert response.status_code == 302


def test_it_warns_about_a_member_who_joined_on_another_node(client, net):
    # Names are not unique in a network: the same name arriving from a peer is applied...
    elsewhere = HostileNode.newcomer(net).identity("Zoe")
    assert elsewhere.applied, elsewhere
    # ...and whoever picks it here is told, with the other member's handle.
    form = {"username": "zoe", "display_name": "Zoe", "password": GOOD_PASSWORD}
    response = client.post("/signup/", form)
    assert response.status_code == 200
    assert member_handle(elsewhere.id) in response.content.decode()


def test_the_member_page_and_list_show_the_handle(client, alice):
    handle = member_handle(alice.account.member_id)
    assert handle in client.get(f"/members/{alice.account.member_id}/").content.decode()
    assert handle in client.get("/members/").content.decode()


def test_the_api_gives_the_handle(client, alice):
    member_id = alice.account.member_id
    body = client.get(f"/api/members/{member_id}").json()
    assert body["handle"] == member_handle(member_id)


def test_a_handle_is_stable_and_short():
    member_id = "ab" * 32
    assert member_handle(member_id) == member_handle(member_id)
    assert len(member_handle(member_id)) == 11
    assert member_handle("cd" * 32) != member_handle(member_id)
