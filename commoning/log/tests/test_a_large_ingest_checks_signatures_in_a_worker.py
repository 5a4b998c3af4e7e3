"""A large ingest checks signatures in a worker process, and refuses forged ones all the same."""

from commoning.accounts.models import Member
from commoning.core.signing import SigningKey, b64url_encode
from commoning.log import ingest as ingest_module
from commoning.log import verifier
from commoning.log.ingest import ingest_envelopes
from commoning.log.tests.kit import next_entry


def big_feed(net, profiles: int):
    key = SigningKey.generate()
    entry = next_entry(key, net, "accounts.identity", {"name": "Big", "custody": "self"})
    entries = [entry]
    for step in range(profiles):
        entry = next_entry(key, net, "accounts.profile", {"name": f"Big {step}"}, after=entry)
        entries.append(entry)
    return entries


def forge(envelope: dict) -> dict:
    signer, _signature = envelope["sigs"][0]
    return {**envelope, "sigs": [[signer, b64url_encode(bytes(64))]]}


def test_a_forged_entry_in_a_large_ingest_is_refused_and_its_feed_waits(net, monkeypatch):
    started = []
    real_worker = verifier.EnvelopeWorker

    def counting_worker():
        started.append(True)
        return real_worker()

    monkeypatch.setattr(ingest_module, "EnvelopeWorker", counting_worker)
    entries = big_feed(net, 2 * ingest_module.BATCH + 10)
    envelopes = [entry.envelope() for entry in entries]
    forged_at = ingest_module.BATCH + 5
    envelopes[forged_at] = forge(envelopes[forged_at])

    report = ingest_envelopes(envelopes)

    assert started == [True]
    assert report.counts["refused"] == 1
    assert "does not verify" in report.refusals[0][1]
    assert report.refusals[0][0] == f"#{forged_at}"
    assert report.counts["applied"] == forged_at  # everything before the forged entry
    assert report.counts["parked"] == len(entries) - forged_at - 1  # its successors wait
    assert Member.objects.get(id=entries[0].id).name == f"Big {forged_at - 2}"


def test_malformed_envelopes_in_a_large_ingest_are_refused_with_their_position(net):
    entries = big_feed(net, ingest_module.BATCH + 10)
    envelopes = [entry.envelope() for entry in entries]
    envelopes.append({"payload": "{}", "sigs": []})
    envelopes.append(entries[-1].envelope_bytes())  # bytes are accepted too: a duplicate here

    report = ingest_envelopes(envelopes)

    assert report.counts == {"applied": len(entries), "refused": 1, "duplicate": 1}
    assert report.refusals[0][0] == f"#{len(entries)}"


def test_it_checks_in_this_process_when_the_worker_cannot_start(net, monkeypatch):
    def no_process(*args, **kwargs):
        raise OSError("no processes left")

    monkeypatch.setattr(verifier.subprocess, "Popen", no_process)
    entries = big_feed(net, ingest_module.BATCH + 10)
    envelopes = [entry.envelope() for entry in entries]
    envelopes[-1] = forge(envelopes[-1])

    report = ingest_envelopes(envelopes)

    assert report.counts == {"applied": len(entries) - 1, "refused": 1}


def test_forged_entries_are_refused_whichever_process_checks_them(net, monkeypatch):
    # Half of each batch to the worker, half checked here: one forgery falls in each half.
    monkeypatch.setattr(ingest_module.CheckShare, "worker_count", lambda self, size: size // 2)
    entries = big_feed(net, 2 * ingest_module.BATCH + 10)
    envelopes = [entry.envelope() for entry in entries]
    there, here = ingest_module.BATCH + 5, 2 * ingest_module.BATCH - 5
    envelopes[there], envelopes[here] = forge(envelopes[there]), forge(envelopes[here])

    report = ingest_envelopes(envelopes)

    assert [position for position, _ in report.refusals] == [f"#{there}", f"#{here}"]
    assert all("does not verify" in reason for _, reason in report.refusals)
    assert report.counts["applied"] == there


def test_the_worker_takes_more_of_the_checking_once_this_process_has_entries_to_take_in():
    share = ingest_module.CheckShare()
    assert share.worker_count(2000) == 1000  # first batch: nothing to take in yet, so halves

    share.measured(here=(0.2, 2000), there=(0.2, 2000), apply=(0.1, 2000))
    # Taking in costs half a check here: the worker should check 0.75 of the next batch.
    assert share.worker_count(2000) == 1500
    share.measured(apply=(2.0, 2000))  # taking in became slow: the worker checks everything
    assert share.worker_count(2000) == 2000
    assert share.worker_count(0) == 0


def test_pipeline_batches_cover_every_envelope_once_and_end_short():
    envelopes = list(range(2 * ingest_module.BATCH + 11))
    batches = ingest_module._pipeline_batches(envelopes)
    assert [item for _, batch in batches for item in batch] == envelopes
    assert all(batch[0] == offset for offset, batch in batches)
    assert len(batches[-1][1]) == ingest_module.BATCH // 4
    assert max(len(batch) for _, batch in batches) <= ingest_module.BATCH
