"""Login names are one name however they are spelled: fullwidth letters, script capitals, case
and surrounding spaces fold to one key, for sign-up uniqueness and for login alike."""

import pytest
from django.contrib.auth import get_user_model

from commoning.accounts.actions import sign_up
from commoning.accounts.models import Account
from commoning.accounts.names import username_key
from commoning.core.fields import FieldError
from commoning.front.tests.state import shared_state
from commoning.testing import PASSWORD

FULLWIDTH_ALICE = "\uff41\uff4c\uff49\uff43\uff45"  # alice in fullwidth letters
FULLWIDTH_BOB = "\uff22\uff2f\uff22"  # BOB in fullwidth capitals
SCRIPT_BOB = "\u212cob"  # script capital B, then "ob"


@pytest.mark.parametrize(
    ("typed", "key"),
    [(FULLWIDTH_ALICE, "alice"), (FULLWIDTH_BOB, "bob"), (SCRIPT_BOB, "bob"),
     (" Alice ", "alice"), ("STRASSE", "strasse"), ("Stra\u00dfe", "strasse")],
)
def test_it_folds_spellings_to_one_key(typed, key):
    assert username_key(typed) == key


@pytest.mark.parametrize("username", [FULLWIDTH_ALICE, "ALICE", "Alice", f"{FULLWIDTH_ALICE} "])
def test_it_refuses_a_sign_up_as_a_spelling_of_alice_with_a_400_not_a_500(client, alice, username):
    before = shared_state()
    users = get_user_model().objects.count()
    response = client.post(
        "/signup/",
        {"username": username, "display_name": "Mallory", "password": "a-long-enough-passphrase"},
    )
    assert response.status_code == 400
    assert "is taken on this node" in response.content.decode()
    assert get_user_model().objects.count() == users
    assert shared_state() == before


@pytest.mark.parametrize("username", [FULLWIDTH_BOB, SCRIPT_BOB])
def test_it_refuses_look_alike_logins_beside_bob(bob, username):
    with pytest.raises(FieldError) as refused:
        sign_up(bob.account.net, username=username, password=PASSWORD, display_name="Not Bob")
    assert refused.value.field == "username"


def test_a_new_login_keeps_its_folded_key(net):
    user = sign_up(net, username="Zoe", password=PASSWORD, display_name="Zoe")
    assert Account.objects.get(user=user).username_key == "zoe"


@pytest.mark.parametrize("typed", [FULLWIDTH_ALICE, "ALICE", " alice ", "Alice"])
def test_alice_logs_in_with_any_spelling_of_her_name(client, alice, typed):
    response = client.post("/login/", {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == alice.pk


def test_a_spelling_of_alice_with_a_wrong_password_does_not_log_in(client, alice):
    response = client.post("/login/", {"username": FULLWIDTH_ALICE, "password": "wrong"})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_login_without_a_member_still_logs_in_by_its_exact_name(client, db):
    get_user_model().objects.create_user(username="operator", password=PASSWORD)
    response = client.post("/login/", {"username": "operator", "password": PASSWORD})
    assert response.status_code == 302
