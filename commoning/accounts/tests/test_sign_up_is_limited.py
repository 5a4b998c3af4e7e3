"""Sign-up is limited per address (and loosely per node), so one script cannot fill the network
with throwaway members; the refusal is a 429 in plain words."""

import pytest
from django.contrib.auth import get_user_model

from commoning.accounts.models import SecurityEvent


@pytest.fixture(autouse=True)
def small_limits_on_a_still_clock(settings, monkeypatch):
    settings.COMMONING_SIGNUP_RATE = (3, 1)
    settings.COMMONING_SIGNUP_NODE_RATE = (5, 1)
    # Buckets refill with time: a stopped clock makes the counts exact on a slow machine.
    monkeypatch.setattr("commoning.accounts.ratelimit.clock.now_ms", lambda: 1_800_000_000_000)


def sign_up(client, n, address="10.0.0.1"):
    return client.post(
        "/signup/",
        {"username": f"member{n}", "display_name": f"Member {n}",
         "password": "a-long-enough-passphrase"},
        REMOTE_ADDR=address,
    )


def test_it_answers_429_in_plain_words_past_the_burst_of_an_address(client, net):
    statuses = [sign_up(client, n).status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    response = sign_up(client, 9)
    assert response["Retry-After"] == "60"
    assert "Too many people joined from here just now" in response.content.decode()
    assert get_user_model().objects.count() == 3
    assert SecurityEvent.objects.filter(kind="auth:signup:throttled").exists()


def test_the_node_wide_limit_holds_across_addresses(client, net):
    statuses = [sign_up(client, n, address=f"10.0.0.{n}").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
