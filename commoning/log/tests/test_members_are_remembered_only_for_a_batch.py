"""The author -> member answers kept during a batch are right within it and forgotten after."""

from types import SimpleNamespace

from django.db import transaction

from commoning.accounts.models import DeviceKey, Member
from commoning.core.signing import SigningKey
from commoning.log import registry
from commoning.log.models import Entry as EntryRow
from commoning.log.tests.kit import admitted_identity, ingest, next_entry, status_of


def newcomer(net, name="Newcomer"):
    key = SigningKey.generate()
    return key, admitted_identity(key, net, name)


def test_a_new_members_entries_apply_in_the_same_batch_as_their_identity(net):
    key, identity = newcomer(net)
    profile = next_entry(key, net, "accounts.profile", {"name": "Newcomer N."}, after=identity)
    # The profile waits aside until the identity lets its feed into the log.
    assert ingest(profile, identity) == {"quarantined": 1, "applied": 1}
    assert status_of(profile) == "applied"
    assert Member.objects.get(id=identity.id).name == "Newcomer N."


def test_a_key_without_an_identity_stays_a_stranger_in_a_busy_batch(net, alice):
    _, identity = newcomer(net)
    stranger = next_entry(SigningKey.generate(), net, "accounts.profile", {"name": "Who?"})
    alices = next_entry(SigningKey.generate(), net, "accounts.profile", {"name": "Not Alice"})
    # Keys no admission names stay out of the log altogether, however busy the batch.
    assert ingest(identity, stranger, alices) == {"applied": 1, "quarantined": 2}
    assert not EntryRow.objects.filter(id__in=[stranger.id, alices.id]).exists()


def test_remembered_answers_end_with_the_batch(net, bob):
    row = DeviceKey.objects.filter(net=net).first()
    author = SimpleNamespace(network_id=net, author=row.public_key)
    with transaction.atomic():
        with registry.members_remembered():
            assert registry.member_of(author) == row.member_id
            DeviceKey.objects.filter(id=row.id).delete()
            assert registry.member_of(author) == row.member_id  # kept for the batch
        assert registry.member_of(author) is None  # asked afresh after it
        transaction.set_rollback(True)


def test_a_fork_at_an_identity_leaves_no_member_behind(net):
    key, first = newcomer(net, "First self")
    second = next_entry(key, net, "accounts.identity", {"name": "Second self", "custody": "self"},
                        deps=first.deps)
    assert ingest(first, second) == {"applied": 1, "fork": 1}
    assert not Member.objects.filter(id__in=[first.id, second.id]).exists()
    assert not DeviceKey.objects.filter(public_key=key.public_hex).exists()
    later = next_entry(key, net, "accounts.profile", {"name": "Still here?"}, after=first)
    assert ingest(later) == {"refused": 1}
