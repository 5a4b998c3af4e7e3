"""The public state hash costs a look-up when nothing changed, and each address may ask only
so often (429 beyond that)."""

import pytest
from django.test import override_settings

from commoning.commons.actions import create_commons
from commoning.log import projection
from commoning.log.projection import cached_state_hash, rebuild, state_hash


@pytest.fixture
def computations(monkeypatch):
    calls = []
    real = projection.state_hash

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(projection, "state_hash", counted)
    return calls


def test_repeated_asks_compute_the_hash_once(net, alice, computations):
    first = cached_state_hash()
    for _ in range(5):
        assert cached_state_hash() == first
    assert len(computations) == 1
    assert first == state_hash()


def test_a_new_entry_gives_a_new_hash(net, alice, computations):
    first = cached_state_hash()
    create_commons(alice, name="Seed library", licence="CC0-1.0")
    second = cached_state_hash()
    assert second != first and second == state_hash()
    assert len(computations) == 2


def test_a_rebuild_forgets_the_cached_hash(net, alice, computations):
    cached_state_hash()
    rebuild()
    cached_state_hash()
    assert len(computations) == 2


@override_settings(COMMONING_STATE_HASH_RATE=(3, 1))
def test_the_endpoint_answers_429_past_its_rate_per_address(client, net, alice):
    answers = [client.get("/api/log/state-hash", REMOTE_ADDR="192.0.2.7") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[0].json()["state_hash"] == state_hash()
    assert answers[3].json()["code"] == "rate_limited"
    # Another address still gets an answer.
    assert client.get("/api/log/state-hash", REMOTE_ADDR="192.0.2.8").status_code == 200
