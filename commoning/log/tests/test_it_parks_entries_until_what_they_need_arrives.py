"""An entry whose prev or a dep is missing waits, and is applied (in a cascade) when it arrives."""

from commoning.accounts.models import Member
from commoning.commons.models import Commons
from commoning.log.models import ParkedEntry, ParkedWait
from commoning.log.projection import state_hash
from commoning.log.tests.kit import ingest, ingest_one, is_parked, key_of, next_entry, status_of


def profile_chain(user, net, count):
    key, entries, after = key_of(user), [], None
    for number in range(count):
        after = next_entry(key, net, "accounts.profile", {"name": f"Name {number}"}, after=after)
        entries.append(after)
    return entries


def test_it_parks_an_entry_whose_prev_is_missing(net, bob):
    first, second = profile_chain(bob, net, 2)
    before = state_hash()
    assert ingest_one(second) == "parked"
    assert is_parked(second) and status_of(second) is None
    assert list(ParkedWait.objects.values_list("missing_id", flat=True)) == [first.id]
    assert state_hash() == before


def test_it_applies_a_parked_entry_when_its_prev_arrives(net, bob):
    first, second = profile_chain(bob, net, 2)
    ingest_one(second)
    assert ingest(first) == {"applied": 1}
    assert status_of(first) == status_of(second) == "applied"
    assert not ParkedEntry.objects.exists() and not ParkedWait.objects.exists()
    assert Member.objects.get(name="Name 1")


def test_it_applies_a_whole_feed_delivered_backwards_in_one_cascade(net, bob):
    chain = profile_chain(bob, net, 6)
    for entry in reversed(chain[1:]):
        assert ingest_one(entry) == "parked"
    assert ParkedEntry.objects.count() == 5
    assert ingest(chain[0]) == {"applied": 1}
    assert [status_of(entry) for entry in chain] == ["applied"] * 6
    assert not ParkedEntry.objects.exists()
    assert Member.objects.filter(name="Name 5").exists()


def test_it_parks_an_entry_whose_dep_is_missing(net, alice, bob):
    commons = next_entry(key_of(alice), net, "commons.create",
                         {"name": "Orchard", "licence": "CC0-1.0"})
    update = next_entry(key_of(alice), net, "commons.update",
                        {"commons": commons.id, "name": "Old orchard"}, deps=[commons.id],
                        after=commons)
    # Bob's entry only names Alice's commons in deps; his own feed is complete.
    relying = next_entry(key_of(bob), net, "accounts.profile", {"name": "Bob"}, deps=[commons.id])
    assert ingest_one(relying) == "parked"
    assert ingest_one(update) == "parked"
    assert ingest(commons) == {"applied": 1}
    assert status_of(update) == status_of(relying) == "applied"
    assert Commons.objects.get(id=commons.id).name == "Old orchard"


def test_it_waits_for_every_missing_entry_before_applying(net, alice, bob):
    commons = next_entry(key_of(alice), net, "commons.create",
                         {"name": "Orchard", "licence": "CC0-1.0"})
    first, second = profile_chain(bob, net, 2)
    waiting = next_entry(key_of(bob), net, "accounts.profile", {"name": "Late"},
                         deps=[commons.id], after=second)
    assert ingest_one(waiting) == "parked"
    assert ingest(first) == {"applied": 1}
    assert ingest(second) == {"applied": 1}
    assert is_parked(waiting)
    assert list(ParkedWait.objects.values_list("missing_id", flat=True)) == [commons.id]
    assert ingest(commons) == {"applied": 1}
    assert status_of(waiting) == "applied"


def test_a_local_action_never_parks(net, bob):
    from commoning.log.append import append

    entries = profile_chain(bob, net, 1)
    ingest_one(entries[0])
    # The local path builds on the stored head, so it finds nothing missing; a dep it does not
    # have is refused outright rather than parked.
    import pytest

    from commoning.log.registry import Rejected

    with pytest.raises(Rejected, match="does not have"):
        append(key_of(bob), net=net, type="accounts.profile", data={"name": "X"},
               deps=["0" * 64])
    assert not ParkedEntry.objects.exists()
