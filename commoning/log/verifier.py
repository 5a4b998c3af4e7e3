"""The envelope checks of a large ingest, shared between this process and a worker process.

The envelopes go into an unnamed temporary file that a worker (commoning.core.verify_worker)
inherits. Both processes claim chunks from the file's cursor: the worker checks from the front
without pause, and this process, whenever it needs a stretch of envelopes that nobody has
claimed yet, checks that stretch itself instead of waiting. So neither process sits idle while
envelopes wait to be checked, and no estimate of who is faster is needed.

If the worker cannot be started, dies or answers nonsense, this process checks whatever it left
unanswered: slower, never skipped. An entry is built only from bytes that passed every check:
the worker sends, with each chunk's verdicts, a digest of the exact bytes it passed, and this
process builds the chunk's entries from its own copy only if that copy gives the same digest
(else it checks the chunk itself).
"""

import contextlib
import struct
import subprocess
import sys
import tempfile

import orjson

from commoning.core import verify_worker
from commoning.core.entry import entries_checked_elsewhere, envelope_verdict
from commoning.core.verify_worker import (
    CHUNK,
    LENGTH,
    ClaimCursor,
    write_envelope_file,
)


class LocalCursor:
    """ClaimCursor's stand-in when there is no shared file: this process claims everything."""

    def __init__(self):
        self.position = 0

    def claim(self, size: int, limit: int) -> tuple[int, int] | None:
        if self.position >= limit:
            return None
        start, self.position = self.position, min(self.position + size, limit)
        return start, self.position


class SharedChecks:
    """Verdicts on a list of envelopes, per position: the verified Entry, or why it is refused.

    Use as a context manager; `verdicts(start, end)` blocks until that stretch is checked,
    and hands each stretch over once.
    """

    def __init__(self, envelopes: list):
        self.envelopes = envelopes
        self._verdicts: list = [None] * len(envelopes)
        self._known = bytearray(len(envelopes))  # 1 once a position's verdict is in
        # Envelopes checked here and answered by the worker: the two add up to the whole list
        # unless a chunk was checked twice (they are kept for tests and benches).
        self.checked_here = 0
        self.checked_there = 0
        self.mismatched_chunks = 0  # worker chunks whose digest did not match this copy
        self.file = None
        self.worker = None
        self.cursor = LocalCursor()
        self._start_worker()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _start_worker(self) -> None:
        if verify_worker.fcntl is None:
            return  # no record locks to share a cursor with: everything is checked here
        try:
            self.file = tempfile.TemporaryFile()  # noqa: SIM115 (lives until close())
            write_envelope_file(self.file.fileno(), self.envelopes)
        except (OSError, TypeError):  # no room, or not plain JSON: check everything here
            self._close_file()
            return
        try:
            self.worker = subprocess.Popen(
                [sys.executable, "-m", "commoning.core.verify_worker", str(self.file.fileno())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                pass_fds=(self.file.fileno(),),
            )
        except OSError:
            self._close_file()
            return
        self.cursor = ClaimCursor(self.file.fileno())

    def verdicts(self, start: int, end: int) -> list:
        """Per position in [start, end): an Entry that passed every check, or the reason the
        envelope is refused."""
        # First check here whatever nobody has claimed yet: waiting would leave this process
        # idle while the worker gets to it.
        while (span := self.cursor.claim(CHUNK, end)) is not None:
            self._check_here(*span)
        # The rest is the worker's: collect its answers, or check here what it left undone.
        while (gap := self._known.find(0, start, end)) != -1:
            if not self._read_answer():
                self._check_here(gap, end)
        taken = self._verdicts[start:end]
        # Handed over, not kept: a stretch is taken once, and holding every entry of a large
        # ingest until its end would cost memory for nothing.
        self._verdicts[start:end] = [None] * (end - start)
        return taken

    def _check_here(self, start: int, end: int) -> None:
        for position in range(start, end):
            if self._known[position]:
                continue
            self._verdicts[position] = envelope_verdict(self.envelopes[position])
            self._known[position] = 1
            self.checked_here += 1

    def _read_answer(self) -> bool:
        """Take in the worker's next answer; False if there is no worker to answer any more."""
        if self.worker is None:
            return False
        try:
            header = self.worker.stdout.read(LENGTH.size)
            (size,) = LENGTH.unpack(header)
            start, end, refusals, digest = orjson.loads(self.worker.stdout.read(size))
            if not (type(start) is int and type(end) is int
                    and 0 <= start < end <= len(self.envelopes)):
                raise ValueError("answer out of range")
            refused = {position: reason for position, reason in refusals}
            if any(
                not (type(position) is int and start <= position < end)
                or not (isinstance(reason, str) and reason)
                for position, reason in refused.items()
            ):
                raise ValueError("refusal out of range or without a reason")
            if not isinstance(digest, str):
                raise ValueError("no digest of what it passed")
        except (OSError, ValueError, TypeError, struct.error):
            self._stop_worker(kill=True)  # gone or garbled: what it left is checked here
            return False
        passed = [position for position in range(start, end) if position not in refused]
        entries = entries_checked_elsewhere([self.envelopes[p] for p in passed], digest)
        if entries is None:
            # Not the bytes it checked (or not what it says it checked): check them here.
            self.mismatched_chunks += 1
            self._check_here(start, end)
            return True
        self.checked_there += end - start
        verdicts = {**dict(zip(passed, entries, strict=True)), **refused}
        for position in range(start, end):
            if not self._known[position]:
                self._verdicts[position] = verdicts[position]
                self._known[position] = 1
        return True

    def close(self) -> None:
        # Once every verdict is in, the worker has found nothing left to claim and is
        # exiting; otherwise (an error stopped the ingest) it is stopped.
        self._stop_worker(kill=self._known.find(0) != -1)
        self._close_file()

    def _stop_worker(self, *, kill: bool) -> None:
        worker, self.worker = self.worker, None
        if worker is None:
            return
        if kill:
            worker.kill()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        with contextlib.suppress(OSError):
            worker.stdout.close()

    def _close_file(self) -> None:
        file, self.file = self.file, None
        if file is not None:
            file.close()

