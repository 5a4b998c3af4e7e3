"""Ingest refuses an envelope with any byte of its payload or signature changed, with a reason,
and stores nothing for it."""

import base64

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commoning.log.ingest import ingest_envelopes
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ParkedEntry
from commoning.log.tests.kit import key_of, next_entry

RELAXED = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_refused_and_nothing_stored(envelope, count):
    report = ingest_envelopes([envelope])
    assert report.counts == {"refused": 1}
    (where, reason), = report.refusals
    assert where == "#0" and reason.strip()
    assert EntryRow.objects.count() == count and not ParkedEntry.objects.exists()


@RELAXED
@given(data=st.data())
def test_it_refuses_an_envelope_whose_payload_has_a_byte_flipped(net, alice, seed_library, data):
    entry = next_entry(key_of(alice), net, "commons.update",
                       {"commons": seed_library.id, "name": "Flipped?"}, deps=[seed_library.id])
    raw = bytearray(entry.payload_bytes)
    position = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
    raw[position] ^= data.draw(st.integers(min_value=1, max_value=255))
    # As a peer's JSON envelope: invalid UTF-8 has to travel as escapes of lone surrogates.
    envelope = {"payload": bytes(raw).decode("utf-8", errors="surrogateescape"),
                "sigs": [list(pair) for pair in entry.sigs]}
    assert_refused_and_nothing_stored(envelope, EntryRow.objects.count())


@RELAXED
@given(data=st.data())
def test_it_refuses_an_envelope_whose_signature_has_a_byte_flipped(net, alice, data):
    entry = next_entry(key_of(alice), net, "accounts.profile", {"name": "Flipped?"})
    signature = bytearray(base64.urlsafe_b64decode(entry.sigs[0][1] + "=="))
    position = data.draw(st.integers(min_value=0, max_value=63))
    signature[position] ^= data.draw(st.integers(min_value=1, max_value=255))
    text = base64.urlsafe_b64encode(bytes(signature)).rstrip(b"=").decode()
    envelope = {"payload": entry.payload_bytes.decode(), "sigs": [[entry.author, text]]}
    assert_refused_and_nothing_stored(envelope, EntryRow.objects.count())


def test_a_refused_envelope_does_not_stop_the_rest_of_the_batch(net, alice):
    good = next_entry(key_of(alice), net, "accounts.profile", {"name": "Good"})
    bad = {"payload": good.payload_bytes.decode().replace("Good", "Evil"),
           "sigs": [list(pair) for pair in good.sigs]}
    report = ingest_envelopes([bad, good.envelope(), b"not json"])
    assert report.counts == {"refused": 2, "applied": 1}
    assert [where for where, _ in report.refusals] == ["#0", "#2"]
