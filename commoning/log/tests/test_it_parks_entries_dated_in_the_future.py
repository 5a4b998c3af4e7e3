"""Entries dated more than 10 minutes ahead wait for their time; they are not refused."""

from django.db import transaction

from commoning.accounts.models import Member
from commoning.log import clock
from commoning.log.ingest import ingest_entries, retry_parked
from commoning.log.tests.kit import ingest, ingest_one, is_parked, key_of, next_entry, status_of
from commoning.log.writer import LogWriter

MINUTE = 60_000


def frozen_clock(monkeypatch, now):
    monkeypatch.setattr(clock, "now_ms", lambda: now)


def test_it_parks_an_entry_dated_more_than_ten_minutes_ahead(net, bob, monkeypatch):
    now = clock.now_ms()
    entry = next_entry(key_of(bob), net, "accounts.profile", {"name": "Tomorrow"},
                       ts=now + 10 * MINUTE + 1)
    frozen_clock(monkeypatch, now)
    assert ingest_one(entry) == "parked"
    assert is_parked(entry) and status_of(entry) is None
    assert not Member.objects.filter(name="Tomorrow").exists()


def test_it_accepts_an_entry_dated_up_to_ten_minutes_ahead(net, bob, monkeypatch):
    now = clock.now_ms()
    entry = next_entry(key_of(bob), net, "accounts.profile", {"name": "Soon"},
                       ts=now + 10 * MINUTE)
    frozen_clock(monkeypatch, now)
    assert ingest_one(entry) == "applied"


def test_retry_due_applies_it_once_the_clock_has_moved_on(net, bob, monkeypatch):
    now = clock.now_ms()
    entry = next_entry(key_of(bob), net, "accounts.profile", {"name": "Tomorrow"},
                       ts=now + 60 * MINUTE)
    frozen_clock(monkeypatch, now)
    ingest_one(entry)
    frozen_clock(monkeypatch, now + 49 * MINUTE)
    with transaction.atomic():
        assert LogWriter().retry_due() == []
    assert is_parked(entry)
    frozen_clock(monkeypatch, now + 50 * MINUTE)
    with transaction.atomic():
        outcomes = LogWriter().retry_due()
    assert [outcome.status for outcome in outcomes] == ["applied"]
    assert status_of(entry) == "applied" and not is_parked(entry)
    assert Member.objects.filter(name="Tomorrow").exists()


def test_the_next_ingest_applies_entries_whose_time_has_come(net, alice, bob, monkeypatch):
    now = clock.now_ms()
    early = next_entry(key_of(bob), net, "accounts.profile", {"name": "Early"},
                       ts=now + 60 * MINUTE)
    other = next_entry(key_of(alice), net, "accounts.profile", {"name": "Al"}, ts=now)
    frozen_clock(monkeypatch, now)
    ingest_one(early)
    frozen_clock(monkeypatch, now + 60 * MINUTE)
    assert ingest(other) == {"applied": 2}
    assert status_of(early) == "applied"


def test_an_empty_ingest_still_applies_entries_whose_time_has_come(net, bob, monkeypatch):
    now = clock.now_ms()
    entry = next_entry(key_of(bob), net, "accounts.profile", {"name": "Later"},
                       ts=now + 60 * MINUTE)
    frozen_clock(monkeypatch, now)
    ingest_one(entry)
    frozen_clock(monkeypatch, now + 60 * MINUTE)
    assert ingest_entries([]).counts == {"applied": 1}
    assert status_of(entry) == "applied"
    assert retry_parked().counts == {}


def test_an_entry_after_a_future_one_waits_behind_it(net, bob, monkeypatch):
    now = clock.now_ms()
    future = next_entry(key_of(bob), net, "accounts.profile", {"name": "F"},
                        ts=now + 60 * MINUTE)
    after = next_entry(key_of(bob), net, "accounts.profile", {"name": "G"}, after=future)
    frozen_clock(monkeypatch, now)
    assert ingest(future, after) == {"parked": 2}
    frozen_clock(monkeypatch, now + 60 * MINUTE)
    # The report counts the entry retried; the one behind it is woken by it in a cascade.
    assert ingest_entries([]).counts == {"applied": 1}
    assert status_of(future) == status_of(after) == "applied"
    assert Member.objects.filter(name="G").exists()
