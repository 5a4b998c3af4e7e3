"""Entries of authors who are not admitted stay out of the log, in a small quarantine capped
in count and bytes (oldest dropped first), and enter the log if their admission arrives."""

from django.test import override_settings

from commoning.accounts.access import signing_key_for
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ParkedEntry, QuarantinedEntry
from commoning.log.tests.kit import ingest, next_entry, status_of
from commoning.testing import HostileNode


def outsiders(net, count):
    return [HostileNode.outsider(net).entry("accounts.identity",
                                            {"name": f"Junk {n}", "custody": "self"})
            for n in range(count)]


def test_an_outsiders_entries_are_neither_stored_nor_parked(net, alice):
    outsider = HostileNode.outsider(net)
    # Deps that name nothing: an old node would have parked these for ever.
    identity = outsider.entry("accounts.identity", {"name": "X", "custody": "self"},
                              deps=["ab" * 32])
    profile = outsider.entry("accounts.profile", {"name": "Y"}, after=identity)
    assert ingest(identity, profile) == {"quarantined": 2}
    assert not EntryRow.objects.filter(author=outsider.public_hex).exists()
    assert not ParkedEntry.objects.exists()
    assert QuarantinedEntry.objects.filter(author=outsider.public_hex).count() == 2


@override_settings(COMMONING_QUARANTINE_MAX_ENTRIES=5)
def test_the_quarantine_keeps_only_the_newest_entries_up_to_its_count(net, alice):
    junk = outsiders(net, 12)
    ingest(*junk[:7])
    ingest(*junk[7:])
    kept = set(QuarantinedEntry.objects.values_list("entry_id", flat=True))
    assert kept == {entry.id for entry in junk[7:]}


@override_settings(COMMONING_QUARANTINE_MAX_BYTES=2000)
def test_the_quarantine_keeps_only_what_fits_its_bytes(net, alice):
    ingest(*outsiders(net, 20))
    sizes = list(QuarantinedEntry.objects.values_list("size", flat=True))
    assert 0 < len(sizes) < 20
    assert sum(sizes) <= 2000


def test_a_late_admission_takes_the_held_entries_into_the_log(net, alice):
    newcomer = HostileNode.outsider(net)
    _, alice_key = signing_key_for(alice)
    admission = next_entry(alice_key, net, "accounts.admit", {"key": newcomer.public_hex})
    identity = newcomer.entry("accounts.identity", {"name": "Nia", "custody": "self"},
                              deps=[admission.id])
    assert ingest(identity) == {"quarantined": 1}
    assert ingest(admission) == {"applied": 1}
    assert status_of(identity) == "applied"
    assert not QuarantinedEntry.objects.exists()
