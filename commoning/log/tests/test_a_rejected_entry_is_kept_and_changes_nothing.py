"""An entry that breaks a domain rule is kept with its reason and changes no projection."""

import pytest

from commoning.commons.actions import update_commons
from commoning.commons.models import Commons
from commoning.log.models import Entry as EntryRow
from commoning.log.projection import rebuild, state_hash
from commoning.log.registry import Forbidden
from commoning.log.tests.kit import ingest, key_of, next_entry, status_of


def projections_only_hash():
    """The state hash without entry outcomes: what the projections hold."""
    return [
        (row.id, row.name, row.licence, row.name_clock) for row in Commons.objects.order_by("id")
    ]


def test_a_non_founders_update_arriving_from_a_peer_is_kept_as_rejected(net, carol, seed_library):
    update = next_entry(key_of(carol), net, "commons.update",
                        {"commons": seed_library.id, "name": "Carol's now"},
                        deps=[seed_library.id])
    before = projections_only_hash()
    assert ingest(update) == {"rejected": 1}
    row = EntryRow.objects.get(id=update.id)
    assert row.status == "rejected"
    assert "founder" in row.reason
    assert bytes(row.payload) == update.payload_bytes
    assert projections_only_hash() == before
    assert Commons.objects.get(id=seed_library.id).name == "Seed library"


def test_the_same_update_made_locally_is_refused_and_not_stored(net, carol, seed_library):
    count = EntryRow.objects.count()
    with pytest.raises(Forbidden):
        update_commons(carol, seed_library.id, name="Carol's now")
    assert EntryRow.objects.count() == count


def test_a_rejected_entry_counts_in_the_state_hash(net, carol, seed_library):
    update = next_entry(key_of(carol), net, "commons.update",
                        {"commons": seed_library.id, "name": "Carol's now"},
                        deps=[seed_library.id])
    before = state_hash()
    ingest(update)
    assert state_hash() != before  # the verdict is shared state; the projections are not changed


def test_the_feed_goes_on_after_a_rejected_entry(net, carol, seed_library):
    update = next_entry(key_of(carol), net, "commons.update",
                        {"commons": seed_library.id, "name": "Carol's now"},
                        deps=[seed_library.id])
    profile = next_entry(key_of(carol), net, "accounts.profile", {"name": "Caz"}, after=update)
    assert ingest(update, profile) == {"rejected": 1, "applied": 1}


def test_an_entry_dated_before_its_prev_is_rejected(net, bob):
    first = next_entry(key_of(bob), net, "accounts.profile", {"name": "B1"})
    earlier = next_entry(key_of(bob), net, "accounts.profile", {"name": "B0"}, after=first,
                         ts=first.ts - 1)
    assert ingest(first, earlier) == {"applied": 1, "rejected": 1}
    assert "earlier" in EntryRow.objects.get(id=earlier.id).reason


def test_an_unknown_entry_type_is_kept_as_rejected(net, bob):
    entry = next_entry(key_of(bob), net, "future.thing", {"x": 1})
    assert ingest(entry) == {"rejected": 1}
    assert "unknown entry type" in EntryRow.objects.get(id=entry.id).reason


def test_rebuild_reaches_the_same_verdict(net, carol, seed_library):
    update = next_entry(key_of(carol), net, "commons.update",
                        {"commons": seed_library.id, "name": "Carol's now"},
                        deps=[seed_library.id])
    ingest(update)
    before = state_hash()
    rebuild()
    assert status_of(update) == "rejected"
    assert state_hash() == before
