"""A large ingest shares its envelope checks with a worker process, and refuses forged
envelopes all the same, whichever process checks them."""

import io
import sys
import tempfile

import orjson
import pytest

from commoning.accounts.models import Member
from commoning.core import verify_worker
from commoning.core.entry import Entry
from commoning.core.signing import SigningKey, b64url_encode
from commoning.log import ingest as ingest_module
from commoning.log import verifier
from commoning.log.ingest import ingest_envelopes
from commoning.log.tests.kit import admitted_identity, next_entry


def big_feed(net, profiles: int):
    key = SigningKey.generate()
    entry = admitted_identity(key, net, "Big")
    entries = [entry]
    for step in range(profiles):
        entry = next_entry(key, net, "accounts.profile", {"name": f"Big {step}"}, after=entry)
        entries.append(entry)
    return entries


def forge(envelope: dict) -> dict:
    signer, _signature = envelope["sigs"][0]
    return {**envelope, "sigs": [[signer, b64url_encode(bytes(64))]]}


def forged_every(entries, step: int):
    """Envelopes of `entries` with every `step`-th one forged, and the forged positions."""
    envelopes = [entry.envelope() for entry in entries]
    forged = set(range(step // 2, len(envelopes), step))
    for position in forged:
        envelopes[position] = forge(envelopes[position])
    return envelopes, forged


def assert_verdicts_are_right(verdicts, entries, forged):
    for position, verdict in enumerate(verdicts):
        if position in forged:
            assert "does not verify" in verdict
        else:
            assert isinstance(verdict, Entry)
            assert verdict.id == entries[position].id


def test_a_forged_entry_in_a_large_ingest_is_refused_and_its_feed_waits(net, monkeypatch):
    shared = []

    class RecordedChecks(verifier.SharedChecks):
        def _start_worker(self):
            super()._start_worker()
            shared.append(self.worker is not None)

    monkeypatch.setattr(ingest_module, "SharedChecks", RecordedChecks)
    entries = big_feed(net, 2 * ingest_module.BATCH + 10)
    envelopes = [entry.envelope() for entry in entries]
    forged_at = ingest_module.BATCH + 5
    envelopes[forged_at] = forge(envelopes[forged_at])

    report = ingest_envelopes(envelopes)

    assert shared == [True]  # one worker, started
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


def test_both_processes_check_and_no_envelope_is_checked_twice(net):
    entries = big_feed(net, 3000)
    envelopes, forged = forged_every(entries, 97)

    with verifier.SharedChecks(envelopes) as checks:
        first = checks.verdicts(0, verify_worker.CHUNK)  # claimed here before the worker runs
        assert checks._read_answer()  # blocks until the worker has checked a chunk too
        rest = checks.verdicts(verify_worker.CHUNK, len(envelopes))

    assert checks.checked_here >= verify_worker.CHUNK
    assert checks.checked_there >= verify_worker.CHUNK
    assert checks.checked_here + checks.checked_there == len(envelopes)
    assert_verdicts_are_right(first + rest, entries, forged)


def test_it_checks_in_this_process_when_the_worker_cannot_start(net, monkeypatch):
    tried = []

    def no_process(*args, **kwargs):
        tried.append(args)
        raise OSError("no processes left")

    monkeypatch.setattr(verifier.subprocess, "Popen", no_process)
    # Large enough that the ingest tries to start its worker (smaller ones never do).
    entries = big_feed(net, ingest_module.PIPELINE_MIN_BATCHES * ingest_module.BATCH + 10)
    envelopes = [entry.envelope() for entry in entries]
    envelopes[-1] = forge(envelopes[-1])

    report = ingest_envelopes(envelopes)

    assert len(tried) == 1  # the worker path was reached, and its start failed
    assert report.counts == {"applied": len(entries) - 1, "refused": 1}


def worker_that_runs(monkeypatch, code: str):
    """Replace the worker by a Python process running `code`."""
    real_popen = verifier.subprocess.Popen

    def popen(command, **options):
        return real_popen([sys.executable, "-c", code], **options)

    monkeypatch.setattr(verifier.subprocess, "Popen", popen)


def test_what_a_dead_worker_left_is_checked_here(net, monkeypatch):
    worker_that_runs(monkeypatch, "pass")  # exits at once, answering nothing
    entries = big_feed(net, 500)
    envelopes, forged = forged_every(entries, 50)

    with verifier.SharedChecks(envelopes) as checks:
        verdicts = checks.verdicts(0, len(envelopes))

    assert checks.checked_here == len(envelopes)
    assert_verdicts_are_right(verdicts, entries, forged)


GARBLED_ANSWERS = {
    # A chunk it never claimed, refusing a position outside it.
    "refusal out of range": "orjson.dumps([0, 10, [[99999, 'made up']], ''])",
    "a refusal without a reason": "orjson.dumps([0, 10, [[3, '']], ''])",
    "positions that are not integers": "orjson.dumps([0.0, 10, [], ''])",
    "not a list of four": "orjson.dumps({'start': 0})",
    "no digest of what it passed": "orjson.dumps([0, 10, [], None])",
    "not JSON": "b'{nonsense'",
}


@pytest.mark.parametrize("answer", GARBLED_ANSWERS.values(), ids=GARBLED_ANSWERS.keys())
def test_a_garbled_answer_stops_the_worker_and_nothing_is_taken_on_its_word(
    net, monkeypatch, answer
):
    worker_that_runs(monkeypatch, (
        "import sys, orjson; from commoning.core import verify_worker as w; "
        f"answer = {answer}; "
        "sys.stdout.buffer.write(w.LENGTH.pack(len(answer)) + answer)"
    ))
    entries = big_feed(net, 300)
    envelopes, forged = forged_every(entries, 30)

    with verifier.SharedChecks(envelopes) as checks:
        assert not checks._read_answer()
        verdicts = checks.verdicts(0, len(envelopes))

    assert checks.worker is None
    assert checks.checked_there == 0
    assert checks.checked_here == len(envelopes)
    assert_verdicts_are_right(verdicts, entries, forged)


def test_the_worker_answers_each_chunk_once_with_its_refusals(net):
    entries = big_feed(net, 200)
    envelopes, forged = forged_every(entries, 40)
    envelopes[7] = {"payload": "{}", "sigs": []}  # malformed as well as forged ones
    answers = io.BytesIO()

    with tempfile.TemporaryFile() as file:
        verify_worker.write_envelope_file(file.fileno(), envelopes)
        verify_worker.serve(file.fileno(), answers)

    raw, spans, refused = answers.getvalue(), [], {}
    while raw:
        (size,) = verify_worker.LENGTH.unpack(raw[: verify_worker.LENGTH.size])
        start, end, refusals, _digest = orjson.loads(raw[verify_worker.LENGTH.size :][:size])
        raw = raw[verify_worker.LENGTH.size + size :]
        spans.append((start, end))
        refused.update(dict(refusals))
    covered = [position for start, end in spans for position in range(start, end)]
    assert covered == list(range(len(envelopes)))
    assert set(refused) == forged | {7}
    assert all("does not verify" in refused[position] for position in forged)
    assert "missing" in refused[7]


def test_pipeline_batches_cover_every_envelope_once_and_end_short():
    count = 2 * ingest_module.BATCH + 11
    batches = ingest_module._pipeline_batches(count)
    covered = [position for start, end in batches for position in range(start, end)]
    assert covered == list(range(count))
    assert batches[-1][1] - batches[-1][0] == ingest_module.BATCH // 4
    assert max(end - start for start, end in batches) <= ingest_module.BATCH


def test_without_record_locks_it_checks_everything_here(net, monkeypatch):
    monkeypatch.setattr(verify_worker, "fcntl", None)  # as on a system without POSIX locks
    entries = big_feed(net, 300)
    envelopes, forged = forged_every(entries, 30)

    with verifier.SharedChecks(envelopes) as checks:
        assert checks.worker is None
        verdicts = checks.verdicts(0, len(envelopes))

    assert checks.checked_here == len(envelopes)
    assert_verdicts_are_right(verdicts, entries, forged)
