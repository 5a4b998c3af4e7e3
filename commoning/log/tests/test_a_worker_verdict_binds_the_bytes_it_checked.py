"""A worker's verdict counts only for the exact bytes it checked: this process builds an entry
from its own copy of an envelope only if that copy matches the digest the worker sent, and
checks the chunk itself otherwise. So a worker that lies (or checked other bytes) cannot get a
forged entry into the log."""

import sys

from commoning.core.entry import Entry
from commoning.log import verifier
from commoning.log.tests.test_a_large_ingest_checks_signatures_in_a_worker import (
    assert_verdicts_are_right,
    big_feed,
    forged_every,
)

# Claims every chunk and passes all of it, with a digest of nothing it was given.
LYING_WORKER = (
    "import sys, orjson; from commoning.core import verify_worker as w; "
    "envelopes = w.read_envelope_file(int(sys.argv[1])); cursor = w.ClaimCursor(int(sys.argv[1]))\n"
    "while (span := cursor.claim(w.CHUNK, len(envelopes))) is not None:\n"
    "    answer = orjson.dumps([span[0], span[1], [], '0' * 64])\n"
    "    sys.stdout.buffer.write(w.LENGTH.pack(len(answer)) + answer); sys.stdout.flush()\n"
)


def test_a_worker_that_passes_forged_envelopes_is_not_believed(net, monkeypatch):
    real_popen = verifier.subprocess.Popen

    def popen(command, **options):
        return real_popen([sys.executable, "-c", LYING_WORKER, command[-1]], **options)

    monkeypatch.setattr(verifier.subprocess, "Popen", popen)
    entries = big_feed(net, 400)
    envelopes, forged = forged_every(entries, 25)

    with verifier.SharedChecks(envelopes) as checks:
        while checks._read_answer():  # take every answer the lying worker gives
            pass
        verdicts = checks.verdicts(0, len(envelopes))

    assert checks.mismatched_chunks > 0
    assert checks.checked_there == 0
    assert_verdicts_are_right(verdicts, entries, forged)


def test_an_honest_worker_s_chunks_match_and_give_the_same_entries(net):
    entries = big_feed(net, 400)
    envelopes, forged = forged_every(entries, 25)

    with verifier.SharedChecks(envelopes) as checks:
        assert checks._read_answer()
        verdicts = checks.verdicts(0, len(envelopes))

    assert checks.mismatched_chunks == 0
    assert checks.checked_there > 0
    assert_verdicts_are_right(verdicts, entries, forged)
    assert all(isinstance(v, Entry) and v.payload_bytes == e.payload_bytes and v.sigs == e.sigs
               for v, e in zip(verdicts, entries, strict=True) if isinstance(v, Entry))
