"""Entries appended on one node, exported and ingested on a fresh node, give the same state."""

import orjson
import rfc8785
from django.db import transaction

from commoning.accounts.actions import update_profile
from commoning.accounts.models import Member
from commoning.commons.actions import create_commons, update_commons
from commoning.commons.models import Commons
from commoning.log.ingest import ingest_envelopes
from commoning.log.models import Entry as EntryRow
from commoning.log.projection import state_hash
from commoning.log.tests.kit import exported_envelopes, wipe_node


def build_history(alice, bob, seed_library):
    update_commons(alice, seed_library.id, name="Valley seed library", licence="CC0-1.0")
    create_commons(bob, name="Tool shed", licence="CERN-OHL-S-2.0")
    update_profile(bob, name="Bob the builder", bio="Fixes bikes.")


def test_a_fresh_node_reaches_the_same_state_hash(alice, bob, seed_library):
    build_history(alice, bob, seed_library)
    reference, envelopes = state_hash(), exported_envelopes()
    with transaction.atomic():
        wipe_node()
        assert Commons.objects.count() == 0 and state_hash() != reference
        report = ingest_envelopes(envelopes)
        assert report.counts == {"applied": len(envelopes)}
        assert state_hash() == reference
        transaction.set_rollback(True)


def test_a_fresh_node_holds_the_projected_records(alice, bob, seed_library):
    build_history(alice, bob, seed_library)
    envelopes = exported_envelopes()
    with transaction.atomic():
        wipe_node()
        ingest_envelopes(envelopes)
        assert Commons.objects.get(id=seed_library.id).name == "Valley seed library"
        assert Commons.objects.get(id=seed_library.id).licence == "CC0-1.0"
        assert set(Commons.objects.values_list("name", flat=True)) == {
            "Valley seed library", "Tool shed"
        }
        assert Member.objects.filter(name="Bob the builder").exists()
        transaction.set_rollback(True)


def test_a_fresh_node_stores_the_payload_bytes_verbatim(alice, bob, seed_library):
    build_history(alice, bob, seed_library)
    before = dict(EntryRow.objects.values_list("id", "payload"))
    envelopes = exported_envelopes()
    with transaction.atomic():
        wipe_node()
        ingest_envelopes(envelopes)
        after = dict(EntryRow.objects.values_list("id", "payload"))
        assert {key: bytes(value) for key, value in after.items()} == {
            key: bytes(value) for key, value in before.items()
        }
        transaction.set_rollback(True)


def test_real_entry_payloads_are_rfc8785_canonical(alice, bob, seed_library):
    build_history(alice, bob, seed_library)
    payloads = [bytes(raw) for raw in EntryRow.objects.values_list("payload", flat=True)]
    assert len(payloads) >= 7
    for raw in payloads:
        assert rfc8785.dumps(orjson.loads(raw)) == raw
