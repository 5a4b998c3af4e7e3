"""A member changes their password on the security page or through the API, always with the
current password; the change lands in the security log and other sessions end."""

import pytest
from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.accounts.models import SecurityEvent
from commoning.testing import PASSWORD

NEW_PASSWORD = "a-brand-new-passphrase"


@pytest.fixture(autouse=True)
def fast_hashes(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def change(client, current, new):
    return client.post(
        "/security/",
        {"change": "1", "change-current_password": current, "change-new_password": new},
    )


def test_a_member_changes_her_password_and_stays_logged_in(client, alice):
    client.force_login(alice)
    response = change(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert client.get("/security/").status_code == 200  # this session was kept
    assert SecurityEvent.objects.filter(kind="account:password:changed", user=alice).exists()


def test_her_other_sessions_end(client, alice):
    elsewhere = Client()
    elsewhere.force_login(alice)
    client.force_login(alice)
    change(client, PASSWORD, NEW_PASSWORD)
    assert elsewhere.get("/security/").status_code == 302  # sent to log in


def test_it_refuses_without_the_current_password_beside_the_field(client, alice):
    client.force_login(alice)
    response = change(client, "not-my-password", NEW_PASSWORD)
    assert response.status_code == 400
    assert "is not your current password" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert not SecurityEvent.objects.filter(kind="account:password:changed").exists()


def test_it_refuses_a_weak_new_password(client, alice):
    client.force_login(alice)
    response = change(client, PASSWORD, "123")
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_visitors_are_sent_to_log_in(client, alice):
    response = change(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_api_changes_the_password_with_the_current_one(client, alice):
    token = create_api_token(alice, "tests")[1]
    response = client.post(
        "/api/me/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        content_type="application/json", headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"current_password": "wrong", "new_password": NEW_PASSWORD}, "current_password"),
        ({"current_password": PASSWORD, "new_password": "123"}, "new_password"),
        ({"current_password": "\ud800", "new_password": NEW_PASSWORD}, "current_password"),
        ({"new_password": NEW_PASSWORD}, "current_password"),
    ],
)
def test_the_api_refuses_with_a_422_naming_the_field(client, alice, payload, field):
    import json

    token = create_api_token(alice, "tests")[1]
    response = client.post(
        "/api/me/password", json.dumps(payload), content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert response.json()["field"] == field
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
