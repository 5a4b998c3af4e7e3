"""Login limits stop a guesser without locking out others: behind one shared address, one
person's wrong passwords do not stop another account's login; the spellings of a name share
one bucket; and the owner's browser (its device cookie) still gets in when a stranger has
exhausted the account's bucket."""

import pytest
from django.test import Client

from commoning.accounts.logins import DEVICE_COOKIE
from commoning.accounts.models import SecurityEvent
from commoning.testing import PASSWORD

VILLAGE_WIFI = "10.0.0.1"
FROZEN_MS = 1_800_000_000_000


@pytest.fixture(autouse=True)
def still_clock_and_fast_hashes(settings, monkeypatch):
    """Buckets refill with time: a stopped clock makes the counts exact however slow the
    machine. A fast hasher keeps sixty wrong passwords from taking a minute."""
    monkeypatch.setattr("commoning.accounts.ratelimit.clock.now_ms", lambda: FROZEN_MS)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def attempt(client, username, password, address=VILLAGE_WIFI):
    return client.post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_fifty_wrong_passwords_for_one_account_do_not_stop_anothers_login(client, alice, bob):
    statuses = {attempt(client, "alice", f"guess-{n}").status_code for n in range(50)}
    assert statuses == {400, 429}
    client.cookies.clear()
    response = attempt(client, "bob", PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == bob.pk


def test_the_guesser_is_stopped(client, alice):
    statuses = [attempt(client, "alice", f"guess-{n}").status_code for n in range(12)]
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]
    assert SecurityEvent.objects.filter(kind="auth:login:throttled", username="alice").exists()


@pytest.mark.parametrize("variant", ["ALICE", "\uff41\uff4c\uff49\uff43\uff45 ", " alice"])
def test_spellings_of_the_name_share_one_bucket(client, alice, variant):
    for n in range(10):
        attempt(client, "alice", f"guess-{n}")
    assert attempt(client, variant, "another-guess").status_code == 429


def test_the_owner_with_her_device_cookie_logs_in_while_her_account_is_attacked(client, alice):
    owner = Client()
    assert attempt(owner, "alice", PASSWORD, address="192.0.2.7").status_code == 302
    assert owner.cookies.get(DEVICE_COOKIE)
    owner.post("/logout/")
    # A stranger guesses from many addresses until the account refuses unknown devices.
    for n in range(60):
        attempt(client, "alice", f"guess-{n}", address=f"198.51.100.{n}")
    assert attempt(client, "alice", PASSWORD, address="203.0.113.9").status_code == 429
    # Alice's own browser still gets in, from the same shared address as the guesser, too.
    response = attempt(owner, "alice", PASSWORD, address="198.51.100.1")
    assert response.status_code == 302


def test_a_device_cookie_of_another_account_does_not_help(client, alice, bob):
    assert attempt(client, "bob", PASSWORD).status_code == 302
    client.post("/logout/")
    statuses = [attempt(client, "alice", f"guess-{n}").status_code for n in range(11)]
    assert statuses[-1] == 429


def test_a_forged_device_cookie_counts_as_none(client, alice):
    client.cookies[DEVICE_COOKIE] = "forged:value"
    statuses = [attempt(client, "alice", f"guess-{n}").status_code for n in range(11)]
    assert statuses[-1] == 429
