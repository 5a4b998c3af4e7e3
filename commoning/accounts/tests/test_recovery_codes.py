"""Recovery codes: eight single-use codes shown once at sign-up (and when renewed), only their
hashes kept; one sets a new password on the "forgot" page, which revokes the account's tokens
and sessions, lands in the security log, and tells nobody whether a name exists."""

import pytest
from django.test import Client

from commoning.accounts import passwords
from commoning.accounts.actions import create_api_token, user_for_token
from commoning.accounts.models import PasswordCode, SecurityEvent
from commoning.testing import PASSWORD

NEW_PASSWORD = "a-brand-new-passphrase"


@pytest.fixture(autouse=True)
def fast_hashes_on_a_still_clock(settings, monkeypatch):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr("commoning.accounts.ratelimit.clock.now_ms", lambda: 1_800_000_000_000)


def forgot(client, username, code, new=NEW_PASSWORD):
    return client.post(
        "/password/forgot/", {"username": username, "code": code, "new_password": new}
    )


def test_sign_up_shows_eight_codes_once_and_keeps_only_hashes(client, net):
    response = client.post(
        "/signup/",
        {"username": "zoe", "display_name": "Zoe", "password": "a-long-enough-passphrase"},
    )
    assert response["Location"] == "/security/recovery-codes/"
    page = client.get("/security/recovery-codes/")
    codes = page.context["codes"]
    assert len(codes) == len(set(codes)) == 8
    assert all(code in page.content.decode() for code in codes)
    stored = set(PasswordCode.objects.values_list("code_hash", flat=True))
    assert not stored & set(codes)
    assert stored == {passwords.code_hash(code) for code in codes}
    # Shown once: the page does not show them again.
    assert client.get("/security/recovery-codes/").status_code == 302


def test_a_recovery_code_sets_a_new_password_and_revokes_tokens_and_sessions(client, alice):
    code = passwords.issue_recovery_codes(alice)[0]
    _row, token = create_api_token(alice, "laptop")
    elsewhere = Client()
    elsewhere.force_login(alice)
    response = forgot(client, "alice", code.lower().replace("-", " "))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert user_for_token(token) is None
    assert elsewhere.get("/security/").status_code == 302
    event = SecurityEvent.objects.get(kind="account:password:reset_with_recovery_code")
    assert event.user == alice


def test_a_code_works_once(client, alice):
    code = passwords.issue_recovery_codes(alice)[0]
    assert forgot(client, "alice", code).status_code == 302
    response = forgot(client, "alice", code, new="yet-another-passphrase")
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_a_code_of_another_member_does_not_open_alices_account(client, alice, eve):
    eves_code = passwords.issue_recovery_codes(eve)[0]
    response = forgot(client, "alice", eves_code)
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_an_unknown_name_and_a_wrong_code_get_the_same_answer(client, alice):
    wrong_code = forgot(client, "alice", "0000-0000-0000-0000")
    no_such_name = forgot(client, "nobody", "0000-0000-0000-0000")
    assert wrong_code.status_code == no_such_name.status_code == 400
    message = "This name and code do not match an unused code."
    assert message in wrong_code.content.decode()
    assert message in no_such_name.content.decode()
    assert 'value="nobody"' in no_such_name.content.decode()  # the input is kept


def test_guessing_codes_is_limited_like_logins(client, settings, alice):
    settings.COMMONING_LOGIN_RATE = (3, 1)
    statuses = [forgot(client, "alice", f"0000-0000-0000-000{n}").status_code for n in range(4)]
    assert statuses == [400, 400, 400, 429]


def test_renewing_codes_needs_the_password_and_cancels_the_old_ones(client, alice):
    old_code = passwords.issue_recovery_codes(alice)[0]
    client.force_login(alice)
    refused = client.post("/security/", {"codes": "1", "codes-current_password": "wrong"})
    assert refused.status_code == 400
    response = client.post("/security/", {"codes": "1", "codes-current_password": PASSWORD})
    assert response["Location"] == "/security/recovery-codes/"
    new_codes = client.get("/security/recovery-codes/").context["codes"]
    assert len(new_codes) == 8
    assert passwords.unused_recovery_codes(alice) == 8
    assert SecurityEvent.objects.filter(kind="account:recovery_codes:regenerated").exists()
    client.post("/logout/")
    assert forgot(client, "alice", old_code).status_code == 400
    assert forgot(client, "alice", new_codes[0]).status_code == 302
