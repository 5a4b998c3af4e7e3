"""Sign-up and profile forms refuse bad input with a 400 and change nothing."""

import pytest
from django.contrib.auth import get_user_model

from commoning.accounts.models import Member
from commoning.front.tests.state import shared_state
from commoning.log.append import attachment_text


def test_signing_up_creates_a_member_and_logs_in(client, net):
    response = client.post(
        "/signup/",
        {"username": "zoe", "display_name": "Zoe", "password": "a-long-enough-passphrase"},
    )
    assert response.status_code == 302
    assert Member.objects.filter(name="Zoe").exists()
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "form",
    [
        {"username": "zoe\x00", "display_name": "Zoe", "password": "a-long-enough-passphrase"},
        {"username": "zoe", "display_name": "Zo\x00e", "password": "a-long-enough-passphrase"},
        {"username": "zoe", "display_name": "x" * 1_000_000, "password": "a-long-enough-pass"},
        {"username": "zo e!", "display_name": "Zoe", "password": "a-long-enough-passphrase"},
        {"username": "zoe", "display_name": "Zoe", "password": "123"},
        {"username": "alice", "display_name": "Alice 2", "password": "a-long-enough-passphrase"},
        {"username": "zoe"},
    ],
)
def test_bad_sign_ups_are_a_400(client, alice, form):
    before = shared_state()
    users = get_user_model().objects.count()
    response = client.post("/signup/", form)
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    assert shared_state() == before
    assert get_user_model().objects.count() == users


def test_a_profile_edit_changes_name_and_bio(client, alice):
    client.force_login(alice)
    response = client.post("/profile/", {"name": "Alice M.", "bio": "Welder."})
    assert response.status_code == 302
    member = Member.objects.get(id=alice.account.member_id)
    assert member.name == "Alice M."
    assert attachment_text(member.bio_hash) == "Welder."


@pytest.mark.parametrize(
    "form",
    [
        {"name": "", "bio": ""},
        {"name": "A\x00", "bio": ""},
        {"name": "Alice", "bio": "\x00"},
        {"name": "x" * 101, "bio": ""},
        {"name": "Alice", "bio": "x" * 1_000_000},
    ],
)
def test_bad_profile_edits_are_a_400(client, alice, form):
    client.force_login(alice)
    before = shared_state()
    assert client.post("/profile/", form).status_code == 400
    assert shared_state() == before


def test_visitors_cannot_post_a_profile(client, alice):
    before = shared_state()
    response = client.post("/profile/", {"name": "Mallory"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert shared_state() == before


def test_saving_the_profile_unchanged_writes_no_entry(client, alice):
    client.force_login(alice)
    client.post("/profile/", {"name": "Alice", "bio": "Welder."})
    before = shared_state()
    response = client.post("/profile/", {"name": "Alice", "bio": "Welder."})
    assert response.status_code == 302
    assert shared_state() == before
