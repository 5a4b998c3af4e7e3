"""One way in: sync push, bundle import and `log import` all take entries through the log's
checked ingest, so a forged entry is refused the same way on each (finding 8: they took
entries by different paths, and some built entries from bytes without checking them)."""

import io

import orjson
import pytest

from commoning.core.bundle_format import BundleError, entry_line
from commoning.core.signing import b64url_encode
from commoning.log import ingest
from commoning.log.models import Entry as EntryRow
from commoning.log.transfer import import_lines
from commoning.sync.actions import import_bundle
from commoning.sync.tests import paired
from commoning.sync.tests.kit import make_bundle, remote_member

pytestmark = pytest.mark.django_db


def forged_and_good(net):
    _key, victim = remote_member(net, "Victim")
    forged = victim.envelope()
    signer, _signature = forged["sigs"][0]
    forged["sigs"] = [[signer, b64url_encode(bytes(64))]]
    _key, good = remote_member(net, "Gus")
    return forged, victim, good


@pytest.fixture
def calls(monkeypatch):
    """Every call of the one checked ingest, by the number of envelopes it was given."""
    seen = []
    real = ingest.ingest_envelopes

    def recorded(envelopes, **options):
        envelopes = list(envelopes)
        seen.append(len(envelopes))
        return real(envelopes, **options)

    import commoning.log.transfer as transfer
    import commoning.sync.receive as receive

    monkeypatch.setattr(receive, "ingest_envelopes", recorded)
    monkeypatch.setattr(transfer, "ingest_envelopes", recorded)
    return seen


def test_a_push_refuses_a_forged_entry_through_the_checked_ingest(client, net, calls):
    forged, victim, good = forged_and_good(net)
    body = paired.frontier_line(net) + entry_line(orjson.dumps(forged)) + entry_line(
        good.envelope_bytes())
    answer = paired.push(client, net, body)
    assert calls == [2]
    assert answer.json()["invalid"] == 1 and "does not verify" in str(answer.json())
    assert not EntryRow.objects.filter(id=victim.id).exists()
    assert EntryRow.objects.filter(id=good.id).exists()


def test_a_bundle_refuses_a_forged_entry_through_the_checked_ingest(net, calls):
    forged, victim, good = forged_and_good(net)
    raw = make_bundle(net, [good, victim], body_lines=[
        entry_line(good.envelope_bytes()), entry_line(orjson.dumps(forged))])
    with pytest.raises(BundleError, match="does not verify"):
        import_bundle(io.BytesIO(raw))
    assert calls == [2]
    assert not EntryRow.objects.filter(id__in=[victim.id, good.id]).exists()  # whole or nothing


def test_log_import_refuses_a_forged_entry_through_the_checked_ingest(net, calls):
    forged, victim, good = forged_and_good(net)
    file = io.BytesIO(orjson.dumps(forged) + b"\n" + good.envelope_bytes() + b"\n"
                      + b"x" * (1024 * 1024) + b"\n")
    report = import_lines(file)
    assert calls == [2]
    assert report.counts == {"refused": 2, "applied": 1}
    assert "does not verify" in report.refusals[1][1] or "does not verify" in report.refusals[0][1]
    assert not EntryRow.objects.filter(id=victim.id).exists()


def test_nothing_builds_entries_from_unchecked_bytes_any_more():
    from commoning.core import bundle_format, entry

    assert not hasattr(entry, "trusted_entry")
    assert not hasattr(bundle_format, "entry_from_verified")
