"""The public state hash never makes a caller wait for a computation: it answers the last
digest and the log position it describes, says whether the log has moved since, and asks for
a new one in the background; one computation runs at a time per node; each address may ask
only so often (429 beyond that)."""

import threading

import pytest
from django.test import override_settings

from commoning.commons.actions import create_commons
from commoning.log import state_hash as state_hashes
from commoning.log.projection import rebuild
from commoning.log.state_hash import computing_lock, latest, refresh, state_hash

URL = "/api/log/state-hash"


@pytest.fixture
def computations(monkeypatch):
    calls = []
    real = state_hashes.state_hash

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(state_hashes, "state_hash", counted)
    return calls


@pytest.fixture
def background(monkeypatch):
    """Requests for a background computation, recorded instead of run."""
    asked = []
    monkeypatch.setattr(state_hashes, "refresh_in_background", lambda net=None: asked.append(1))
    return asked


def test_it_answers_the_stored_digest_and_its_position_without_computing(
    client, net, alice, computations, background
):
    digest = refresh()
    computations.clear()
    body = client.get(URL).json()
    assert body == {"net": net, "state_hash": digest, "position": latest().position,
                    "fresh": True}
    assert body["position"] > 0
    assert computations == [] and background == []


def test_after_a_new_entry_it_answers_the_old_digest_as_stale_and_asks_for_a_new_one(
    client, net, alice, computations, background
):
    old = refresh()
    create_commons(alice, name="Seed library", licence="CC0-1.0")
    computations.clear()
    body = client.get(URL).json()
    assert body["state_hash"] == old and body["fresh"] is False
    assert computations == [], "the request itself must not compute"
    assert background == [1]
    # Once computed, the next ask is fresh and describes the new entry.
    new = refresh()
    again = client.get(URL).json()
    assert again["fresh"] is True and again["state_hash"] == new == state_hash() != old
    assert again["position"] > body["position"]


def test_before_any_computation_it_answers_null_and_not_fresh(client, net, background):
    body = client.get(URL).json()
    assert body["state_hash"] is None and body["fresh"] is False
    assert background == [1]


def test_repeated_asks_compute_the_hash_once(client, net, alice, computations):
    # Inside a test's transaction the "background" computation runs in the request itself.
    for _ in range(5):
        client.get(URL)
    assert len(computations) == 1
    assert client.get(URL).json()["state_hash"] == state_hash()


def test_a_rebuild_makes_the_stored_digest_stale(net, alice, computations):
    refresh()
    rebuild()
    assert latest().fresh is False


def test_a_second_caller_does_not_compute_while_one_is_computing(net, alice, computations):
    with computing_lock() as mine:
        assert mine
        assert refresh() is None
    assert computations == []
    assert refresh() == state_hash()


def test_of_callers_in_several_threads_only_one_may_compute(db):
    started, release = threading.Barrier(6), threading.Event()
    granted = []

    def ask():
        started.wait()
        with computing_lock() as mine:
            granted.append(mine)
            release.wait(timeout=5)

    threads = [threading.Thread(target=ask) for _ in range(5)]
    for thread in threads:
        thread.start()
    started.wait()
    # The four callers that lost answered at once; the winner still holds the lock.
    for _ in range(100):
        if len(granted) >= 5:
            break
        threading.Event().wait(0.01)
    release.set()
    for thread in threads:
        thread.join()
    assert sorted(granted) == [False, False, False, False, True]


@override_settings(COMMONING_STATE_HASH_RATE=(3, 1))
def test_the_endpoint_answers_429_past_its_rate_per_address(client, net, alice, background):
    answers = [client.get(URL, REMOTE_ADDR="192.0.2.7") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[3].json()["code"] == "rate_limited"
    # Another address still gets an answer.
    assert client.get(URL, REMOTE_ADDR="192.0.2.8").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_background_computation_stores_a_fresh_digest_once(monkeypatch):
    from commoning.testing import make_network

    make_network()
    entered, release = threading.Event(), threading.Event()
    real = state_hashes.state_hash
    calls = []

    def slow(*args, **kwargs):
        calls.append(1)
        entered.set()
        release.wait(timeout=10)
        return real(*args, **kwargs)

    monkeypatch.setattr(state_hashes, "state_hash", slow)
    state_hashes.refresh_in_background()
    assert entered.wait(timeout=10)
    for _ in range(3):  # asks while it computes start nothing more
        state_hashes.refresh_in_background()
    release.set()
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and thread.daemon:
            thread.join(timeout=10)
    assert calls == [1]
    assert latest().fresh and latest().state_hash == real()
