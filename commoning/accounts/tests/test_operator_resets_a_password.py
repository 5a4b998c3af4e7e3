"""A node operator resets a password from the CLI: `commoning accounts reset-password NAME`
prints a single-use code that expires; using it is recorded and revokes tokens."""

from datetime import timedelta

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from commoning.accounts.actions import create_api_token, user_for_token
from commoning.accounts.models import PasswordCode, SecurityEvent
from commoning.cli.main import app

NEW_PASSWORD = "a-brand-new-passphrase"


@pytest.fixture(autouse=True)
def in_process(monkeypatch, settings):
    # The test database is already set up; the command must not set Django up again.
    monkeypatch.setattr("commoning.accounts.cli.setup", lambda: None)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def reset_code(username: str):
    result = CliRunner().invoke(app, ["accounts", "reset-password", username])
    return result, result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_the_operator_prints_a_code_that_sets_a_new_password(client, alice):
    _row, token = create_api_token(alice, "laptop")
    result, code = reset_code("ALICE")  # any spelling of the name
    assert result.exit_code == 0, result.output
    assert SecurityEvent.objects.filter(kind="account:reset_code:issued", user=alice).exists()
    response = client.post(
        "/password/forgot/", {"username": "alice", "code": code, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert user_for_token(token) is None
    assert SecurityEvent.objects.filter(kind="account:password:reset_with_reset_code").exists()


def test_an_expired_reset_code_is_refused(client, alice):
    _result, code = reset_code("alice")
    PasswordCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(
        "/password/forgot/", {"username": "alice", "code": code, "new_password": NEW_PASSWORD}
    )
    assert response.status_code == 400
    alice.refresh_from_db()
    assert not alice.check_password(NEW_PASSWORD)


def test_an_unknown_login_is_an_error_and_prints_no_code(db):
    result = CliRunner().invoke(app, ["accounts", "reset-password", "nobody"])
    assert result.exit_code == 1
    assert not PasswordCode.objects.exists()
