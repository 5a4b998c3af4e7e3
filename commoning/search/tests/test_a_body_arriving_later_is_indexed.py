"""Sync sends bodies after the entries that name them: an object is found by its text once the
body arrives, and no longer once the body is erased."""

from commoning.log.models import Attachment
from commoning.search.tests.kit import found, small_world


def test_a_description_is_found_once_its_body_arrives(net, alice, bob):
    world = small_world(alice, bob)
    attachment = Attachment.objects.get(hash=world.commons.description_hash)
    kept = (attachment.hash, attachment.size, attachment.media_type, bytes(attachment.body))
    attachment.delete()  # as if the entry came first and its body was still on its way
    assert found(net, "plywood") == []
    assert found(net, "hand loom") == [("commons", world.commons.id)]
    hash_, size, media_type, body = kept
    Attachment.objects.create(hash=hash_, size=size, media_type=media_type, body=body)
    assert found(net, "plywood") == [("commons", world.commons.id)]


def test_an_erased_body_is_no_longer_found(net, alice, bob):
    world = small_world(alice, bob)
    Attachment.objects.filter(hash=world.contribution.description_hash).update(
        erased=True, body=None)
    assert found(net, "heddle") == []
