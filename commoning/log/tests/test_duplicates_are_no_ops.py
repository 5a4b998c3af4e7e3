"""Delivering an entry the node already has, or already waits with, changes nothing."""

from commoning.log.ingest import ingest_envelopes
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ParkedEntry
from commoning.log.projection import state_hash
from commoning.log.tests.kit import exported_envelopes, ingest, ingest_one, key_of, next_entry


def test_delivering_every_stored_entry_again_is_a_no_op(alice, bob, seed_library):
    before, count = state_hash(), EntryRow.objects.count()
    envelopes = exported_envelopes()
    report = ingest_envelopes(envelopes)
    assert report.counts == {"duplicate": len(envelopes)}
    assert state_hash() == before and EntryRow.objects.count() == count


def test_the_same_entry_twice_in_one_batch_is_applied_once(net, bob):
    entry = next_entry(key_of(bob), net, "accounts.profile", {"name": "Bobby"})
    assert ingest(entry, entry) == {"applied": 1, "duplicate": 1}
    assert EntryRow.objects.filter(id=entry.id).count() == 1


def test_a_parked_entry_delivered_again_waits_once(net, bob):
    first = next_entry(key_of(bob), net, "accounts.profile", {"name": "One"})
    second = next_entry(key_of(bob), net, "accounts.profile", {"name": "Two"}, after=first)
    assert ingest_one(second) == "parked"
    assert ingest(second) == {"duplicate": 1}
    assert ParkedEntry.objects.count() == 1
    assert ingest(first, second) == {"applied": 1, "duplicate": 1}
    assert EntryRow.objects.filter(id=second.id).count() == 1
