"""Sync sends bodies after the entries that name them: an object is found by its text once the
body arrives, and no longer once the body is erased."""

from commoning.accounts.models import Member
from commoning.log.models import Attachment
from commoning.search.tests.kit import found, small_world


def held_back(att_hash):
    """Take a body away, as if its entry came first and the body were still on its way;
    return a function that delivers it."""
    attachment = Attachment.objects.get(hash=att_hash)
    kept = (attachment.hash, attachment.size, attachment.media_type, bytes(attachment.body))
    attachment.delete()

    def deliver():
        hash_, size, media_type, body = kept
        Attachment.objects.create(hash=hash_, size=size, media_type=media_type, body=body)
    return deliver


def test_a_description_is_found_once_its_body_arrives(net, alice, bob):
    world = small_world(alice, bob)
    deliver = held_back(world.commons.description_hash)
    assert found(net, "plywood") == []
    assert found(net, "hand loom") == [("commons", world.commons.id)]
    deliver()
    assert found(net, "plywood") == [("commons", world.commons.id)]


def test_a_bio_is_found_once_its_body_arrives(net, alice, bob):
    world = small_world(alice, bob)
    bio_hash = Member.objects.get(id=world.bob_id).bio_hash
    deliver = held_back(bio_hash)
    assert found(net, "lowlands") == []
    deliver()
    assert found(net, "lowlands") == [("member", world.bob_id)]


def test_an_erased_body_is_no_longer_found(net, alice, bob):
    world = small_world(alice, bob)
    Attachment.objects.filter(hash=world.contribution.description_hash).update(
        erased=True, body=None)
    assert found(net, "heddle") == []
