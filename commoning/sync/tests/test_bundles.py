"""Offline bundles: self-verifying, imported whole or not at all, harmless to import twice."""

import gzip
import io

import orjson
import pytest

from commoning.accounts.models import Member, SecurityEvent
from commoning.core.bundle_format import BundleError, fork_line, read_bundle
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ForkProof
from commoning.log.projection import state_hash
from commoning.sync.actions import export_bundle, import_bundle
from commoning.sync.models import Peer

from .kit import REMOTE_NODE, after, local_heads, make_bundle, remote_member

pytestmark = pytest.mark.django_db


def exported(net, **options) -> bytes:
    out = io.BytesIO()
    export_bundle(net, out, **options)
    return out.getvalue()


def test_an_exported_bundle_verifies_and_holds_the_whole_log(net, alice, bob):
    bundle = read_bundle(io.BytesIO(exported(net)))
    assert len(bundle.entries) == EntryRow.objects.count()
    assert bundle.header.acks == local_heads(net)


def test_importing_a_bundle_twice_changes_nothing(net):
    key, identity = remote_member(net)
    profile = after(key, identity, "accounts.profile", {"name": "Rita R."})
    raw = make_bundle(net, [identity, profile])
    first = import_bundle(io.BytesIO(raw))
    assert first.received.new_entries == 2
    before = state_hash()
    second = import_bundle(io.BytesIO(raw))
    assert second.received.new_entries == 0
    assert second.received.report.counts == {"duplicate": 2}
    assert state_hash() == before


def test_importing_acknowledges_the_sender(net):
    _key, identity = remote_member(net)
    import_bundle(io.BytesIO(make_bundle(net, [identity])))
    peer = Peer.objects.get(node_key=REMOTE_NODE.public_hex)
    assert peer.url == ""
    assert peer.last_result == "ok"


def test_a_truncated_bundle_is_refused_and_nothing_is_applied(net):
    _key, identity = remote_member(net)
    raw = make_bundle(net, [identity])
    with pytest.raises(BundleError, match="truncated"):
        import_bundle(io.BytesIO(raw[: len(raw) - 12]))
    assert not Member.objects.filter(id=identity.id).exists()
    assert SecurityEvent.objects.filter(kind="sync:bundle:refused").exists()


def test_a_bundle_with_a_forged_header_is_refused(net):
    _key, identity = remote_member(net)
    raw = gzip.decompress(make_bundle(net, [identity]))
    header, body = raw.split(b"\n", 1)
    signed = orjson.loads(header)
    signed["bundle"] = signed["bundle"].replace('"entries":1', '"entries":2')
    forged = gzip.compress(orjson.dumps(signed) + b"\n" + body)
    with pytest.raises(BundleError, match="signature"):
        import_bundle(io.BytesIO(forged))
    assert not Member.objects.filter(id=identity.id).exists()


def test_a_bundle_whose_body_was_swapped_is_refused_whole(net):
    _key, identity = remote_member(net)
    _other_key, _other = remote_member(net, "Otto")
    raw = make_bundle(net, [identity], body_lines=[
        b'{"entry":' + identity.envelope_bytes() + b"}\n",
    ], header_changes={"digest": "0" * 64})
    with pytest.raises(BundleError, match="altered"):
        import_bundle(io.BytesIO(raw))
    assert not Member.objects.filter(id=identity.id).exists()


def test_a_bundle_with_one_bad_entry_is_refused_whole(net):
    _key, identity = remote_member(net)
    forged = identity.envelope()
    forged["payload"] = forged["payload"].replace("Rita", "Eve!")
    _good_key, good = remote_member(net, "Gus")
    raw = make_bundle(net, [good], body_lines=[
        b'{"entry":' + good.envelope_bytes() + b"}\n",
        b'{"entry":' + orjson.dumps(forged) + b"}\n",
    ])
    with pytest.raises(BundleError, match="line 3 is invalid"):
        import_bundle(io.BytesIO(raw))
    assert not Member.objects.filter(id=good.id).exists()


def test_a_bundle_for_another_network_is_refused(net):
    _key, identity = remote_member("1" * 64)
    with pytest.raises(BundleError, match="does not serve"):
        import_bundle(io.BytesIO(make_bundle("1" * 64, [identity])))


def test_a_bundle_for_a_peer_carries_only_what_it_misses(net, alice, bob):
    peer = Peer.objects.create(net=net, url="", node_key=REMOTE_NODE.public_hex,
                               believed_heads=orjson.dumps(
                                   {a: list(h) for a, h in local_heads(net).items()}).decode())
    from commoning.accounts.actions import update_profile

    update_profile(alice, name="Alice A.")
    bundle = read_bundle(io.BytesIO(exported(net, for_peer=peer)))
    assert len(bundle.entries) == 1
    assert bundle.header.for_node == REMOTE_NODE.public_hex


def test_a_fork_proof_travels_in_a_bundle(net):
    key, identity = remote_member(net)
    one = after(key, identity, "accounts.profile", {"name": "One"})
    two = after(key, identity, "accounts.profile", {"name": "Two"})
    import_bundle(io.BytesIO(make_bundle(net, [identity, one])))
    lines = [fork_line(one.envelope_bytes(), two.envelope_bytes())]
    raw = make_bundle(net, [], body_lines=lines, header_changes={
        "forks": 1, "entries": 0,
        "digest": __import__("hashlib").sha256(b"".join(lines)).hexdigest(),
    })
    import_bundle(io.BytesIO(raw))
    assert ForkProof.objects.filter(author=key.public_hex).exists()


def test_a_new_node_cannot_join_from_a_bundle_without_the_genesis(db):
    _key, identity = remote_member("1" * 64)
    with pytest.raises(BundleError, match="genesis"):
        import_bundle(io.BytesIO(make_bundle("1" * 64, [identity])), joining=True)


def test_attachments_travel_with_their_entries_and_media_type(net, alice):
    from commoning.accounts.actions import update_profile
    from commoning.log.models import Attachment

    update_profile(alice, bio="Keeps the seed bank.")
    bundle = read_bundle(io.BytesIO(exported(net)))
    assert [(att.body, att.media_type) for att in bundle.atts] == [
        (b"Keeps the seed bank.", Attachment.objects.get().media_type)]
