"""The time rule of the log: an entry whose `ts` is earlier than its prev's, any dep's or its
network genesis' `ts` is kept as rejected and changes nothing, on append, ingest and rebuild
alike; an honest node with a slow clock dates its entry at the latest of them instead."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commoning.accounts.models import Member
from commoning.commons.actions import create_commons
from commoning.log import clock, projection
from commoning.log.append import append
from commoning.log.models import Entry as EntryRow
from commoning.log.projection import rebuild, state_hash
from commoning.log.tests.kit import key_of, status_of
from commoning.testing import HostileNode, make_member
from commoning.work.tests.helpers import member_id

MINUTE = 60_000


@pytest.fixture
def later_commons(alice, bob, monkeypatch):
    """A commons dated five minutes ahead (within the tolerance): later than Bob's last entry."""
    ahead = clock.now_ms() + 5 * MINUTE
    monkeypatch.setattr(clock, "now_ms", lambda: ahead)
    commons = create_commons(alice, name="Seed library", licence="CC-BY-SA-4.0")
    monkeypatch.undo()
    return EntryRow.objects.get(id=commons.id)


def _bobs_name(bob) -> str:
    return Member.objects.get(id=member_id(bob)).name


def test_it_rejects_an_entry_dated_before_a_dep(bob, later_commons):
    name = _bobs_name(bob)
    before = state_hash()
    written = HostileNode.of(bob).write("accounts.profile", {"name": "Backdated Bob"},
                                        deps=[later_commons.id], ts=later_commons.ts - 1)
    assert written.status == "rejected", written
    assert written.reason == "ts is earlier than an entry it depends on"
    assert _bobs_name(bob) == name
    # Kept for the chain, and the feed goes on from it.
    assert EntryRow.objects.filter(id=written.id).exists()
    assert HostileNode.of(bob).write("accounts.profile", {"name": "Bob again"},
                                     ts=later_commons.ts).applied
    assert state_hash() != before


def test_an_entry_dated_at_its_latest_dep_is_applied(bob, later_commons):
    written = HostileNode.of(bob).write("accounts.profile", {"name": "Punctual Bob"},
                                        deps=[later_commons.id], ts=later_commons.ts)
    assert written.applied, written
    assert _bobs_name(bob) == "Punctual Bob"


def test_it_rejects_an_entry_dated_before_the_networks_genesis(net):
    genesis_ts = EntryRow.objects.get(id=net).ts
    # A newcomer's first entry: the genesis is checked before its deps (its admission).
    written = HostileNode.newcomer(net).identity("From 1970", ts=genesis_ts - 1)
    assert written.status == "rejected"
    assert written.reason == "ts is earlier than the network's genesis"


def test_it_rejects_an_entry_dated_1970(bob):
    written = HostileNode.of(bob).write("accounts.profile", {"name": "Old Bob"}, ts=0)
    assert written.status == "rejected"
    assert written.reason.startswith("ts is earlier than")


def test_an_honest_node_with_a_slow_clock_dates_its_entry_at_the_latest_dep(
    net, bob, later_commons, monkeypatch
):
    # Bob's node runs nine minutes behind: its entry would predate the commons it relies on.
    # (A node further behind than the 10-minute tolerance parked that commons, so it cannot
    # rely on it; see docs/decisions/0004-time-rules.md.)
    monkeypatch.setattr(clock, "now_ms", lambda: later_commons.ts - 9 * MINUTE)
    entry = append(key_of(bob), net=net, type="accounts.profile", data={"name": "Slow Bob"},
                   deps=[later_commons.id])
    assert entry.ts == later_commons.ts
    assert status_of(entry) == "applied"
    assert _bobs_name(bob) == "Slow Bob"


def test_a_node_whose_clock_is_behind_the_genesis_dates_a_new_feed_at_the_genesis(
    net, monkeypatch
):
    genesis_ts = EntryRow.objects.get(id=net).ts
    monkeypatch.setattr(clock, "now_ms", lambda: genesis_ts - 9 * MINUTE)
    frank = make_member(net, "frank")
    identity = EntryRow.objects.get(id=member_id(frank))
    assert identity.seq == 1 and identity.ts >= genesis_ts
    assert identity.status == "applied"


def test_rebuild_reaches_the_same_verdict_with_the_dep_in_another_chunk(
    bob, later_commons, monkeypatch
):
    backdated = HostileNode.of(bob).write("accounts.profile", {"name": "Backdated Bob"},
                                          deps=[later_commons.id], ts=later_commons.ts - 1)
    punctual = HostileNode.of(bob).write("accounts.profile", {"name": "Punctual Bob"},
                                         deps=[later_commons.id], ts=later_commons.ts)
    reference = state_hash()
    # A node that stored the backdated entry as applied (before the rule) learns otherwise.
    EntryRow.objects.filter(id=backdated.id).update(status="applied", reason="")
    monkeypatch.setattr(projection, "REPLAY_CHUNK", 1)  # every dep is in an earlier chunk
    rebuild()
    assert EntryRow.objects.get(id=backdated.id).reason == backdated.reason
    assert (status_of(backdated.entry), status_of(punctual.entry)) == ("rejected", "applied")
    assert state_hash() == reference


def _log_queries_during_rebuild() -> int:
    table = EntryRow._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        rebuild()
    return sum(1 for query in queries.captured_queries if table in query["sql"])


def test_rebuild_looks_up_dep_times_per_chunk_not_per_entry(bob, seed_library):
    def relying(count):
        for number in range(count):
            written = HostileNode.of(bob).write("accounts.profile", {"name": f"Bob {number}"},
                                                deps=[seed_library.id])
            assert written.applied, written

    relying(5)
    few = _log_queries_during_rebuild()
    relying(30)
    assert _log_queries_during_rebuild() == few
