"""Many feeds delivered newest first: every entry waits, then all apply as their heads arrive."""

from commoning.core.signing import SigningKey
from commoning.log.ingest import ingest_entries
from commoning.log.models import ParkedEntry, ParkedWait
from commoning.log.projection import state_hash
from commoning.log.tests.kit import admitted_identity, next_entry, status_of


def test_feeds_delivered_newest_first_across_batches_all_apply(net):
    feeds = []
    for number in range(4):
        key = SigningKey.generate()
        entry = admitted_identity(key, net, f"M{number}")
        feed = [entry]
        for step in range(5):
            entry = next_entry(key, net, "accounts.profile", {"name": f"M{number}.{step}"},
                               after=entry)
            feed.append(entry)
        feeds.append(feed)
    # The identities first (a feed's later entries wait aside until its first is in), then
    # every feed newest first: all wait for their prev until the second entries arrive.
    assert ingest_entries([feed[0] for feed in feeds]).counts == {"applied": 4}
    newest_first = [feed[seq] for seq in range(5, 1, -1) for feed in feeds]
    assert ingest_entries(newest_first[:8]).counts == {"parked": 8}
    assert ingest_entries(newest_first[8:]).counts == {"parked": 8}
    before = state_hash()
    assert ingest_entries([feed[1] for feed in feeds]).counts == {"applied": 4}
    assert all(status_of(entry) == "applied" for feed in feeds for entry in feed)
    assert not ParkedEntry.objects.exists() and not ParkedWait.objects.exists()
    assert state_hash() != before
