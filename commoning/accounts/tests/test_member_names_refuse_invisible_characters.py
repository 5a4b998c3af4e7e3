"""A member's display name holds no control, invisible or direction-changing characters: the
shared rule of `accounts.identity` and `accounts.profile` refuses them, so a hostile node
cannot show `Alice` with a hidden character or make a name read backwards."""

import pytest
from django.contrib.auth import get_user_model

from commoning.accounts.models import Member
from commoning.front.tests.state import shared_state
from commoning.testing import HostileNode

# Each pretends to be "Alice" or reorders the text around it.
DECEPTIVE_NAMES = [
    "\u202eecilA",  # right-to-left override: shows "Alice"
    "Ali\u202dce",  # left-to-right override
    "Ali\u202ace",  # left-to-right embedding
    "Ali\u2066ce",  # left-to-right isolate
    "Ali\u2069ce",  # pop directional isolate
    "Ali\u200fce",  # right-to-left mark
    "Ali\u061cce",  # Arabic letter mark
    "Al\u200bice",  # zero-width space
    "Al\u200cice",  # zero-width non-joiner
    "Al\u200dice",  # zero-width joiner
    "Al\u2060ice",  # word joiner
    "Al\ufeffice",  # zero-width no-break space
    "Al\u00adice",  # soft hyphen
    "Alice\u3164",  # Hangul filler
    "Al\x85ice",  # a C1 control (next line)
    "Ali\U000e0041ce",  # a tag character
]


@pytest.mark.parametrize("name", DECEPTIVE_NAMES, ids=lambda name: repr(name))
def test_it_refuses_a_deceptive_name_at_sign_up_beside_the_field(client, net, name):
    before = shared_state()
    response = client.post(
        "/signup/",
        {"username": "mallory", "display_name": name, "password": "a-long-enough-passphrase"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "invisible or direction-changing" in page
    assert 'name="username" value="mallory"' in page  # the input is kept
    assert not get_user_model().objects.filter(username="mallory").exists()
    assert shared_state() == before


@pytest.mark.parametrize("name", DECEPTIVE_NAMES[:4], ids=lambda name: repr(name))
def test_it_refuses_renaming_oneself_with_a_deceptive_name(client, eve, name):
    client.force_login(eve)
    before = shared_state()
    response = client.post("/profile/", {"name": name, "bio": ""})
    assert response.status_code == 400
    assert "invisible or direction-changing" in response.content.decode()
    assert shared_state() == before


def test_the_api_refuses_a_deceptive_name_with_a_422(client, eve):
    from commoning.accounts.actions import create_api_token

    token = create_api_token(eve, "tests")[1]
    before = shared_state()
    response = client.post(
        "/api/me/profile", {"name": "\u202eecilA"}, content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == "name"
    assert shared_state() == before


@pytest.mark.parametrize("name", DECEPTIVE_NAMES, ids=lambda name: repr(name))
def test_a_hostile_node_cannot_found_an_identity_with_a_deceptive_name(net, name):
    written = HostileNode.newcomer(net).identity(name)
    assert written.status == "rejected", written
    assert "invisible or direction-changing" in written.reason
    assert not Member.objects.filter(id=written.id).exists()


@pytest.mark.parametrize("name", DECEPTIVE_NAMES, ids=lambda name: repr(name))
def test_a_hostile_node_cannot_rename_a_member_with_a_deceptive_name(eve, name):
    written = HostileNode.of(eve).write("accounts.profile", {"name": name})
    assert written.status == "rejected", written
    assert Member.objects.get(id=eve.account.member_id).name == "Eve"


def test_a_hostile_node_may_still_use_a_name_in_another_script(net):
    written = HostileNode.newcomer(net).identity("\u0645\u0631\u064a\u0645 Ng\u01b0\u1eddi")
    assert written.applied, written
