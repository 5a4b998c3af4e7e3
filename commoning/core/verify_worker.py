"""A worker process that checks envelopes for a large ingest: every check of
commoning.core.entry.parse_envelope (canonical bytes, shape, signatures).

Run as `python -m commoning.core.verify_worker FD`; it imports only the pure core. FD is an
open file, inherited from the ingesting process, that holds a claim cursor (the next position
nobody has claimed yet, CURSOR bytes) followed by the JSON list of the ingest's envelopes.
The worker and the ingesting process both claim chunks from that cursor, so whichever of them
is free checks the next envelopes: the worker never waits to be handed work, and the ingesting
process checks only what it needs before the worker got to it. For each chunk it claims the
worker writes one answer on standard output: a 4-byte big-endian length and the JSON list
[start, end, refusals, digest], refusals being [position, reason] of each envelope it refused
and digest the checked_digest of those it passed (the ingesting process builds entries only
from bytes that match it). It exits
when nothing is left to claim. (Why a process, not a thread: docs/decisions/0002.)
"""

import os
import struct
import sys

try:
    import fcntl
except ImportError:  # not a POSIX system: no shared cursor, so no worker (see SharedChecks)
    fcntl = None

import orjson

from commoning.core.entry import envelope_problems

CURSOR = struct.Struct(">Q")
LENGTH = struct.Struct(">I")
# Small enough that the ingesting process seldom waits long for a chunk the worker holds,
# large enough that claiming costs nothing next to checking.
CHUNK = 32


class ClaimCursor:
    """The next unclaimed position in a shared envelope file, advanced under a lock.

    A POSIX record lock (lockf), not flock: record locks belong to the process, so the
    inherited descriptor still excludes the other process; flock would not.
    """

    def __init__(self, fd: int):
        self.fd = fd

    def claim(self, size: int, limit: int) -> tuple[int, int] | None:
        """(start, end) of up to `size` positions below `limit` that are now the caller's,
        or None if every position below `limit` is claimed already."""
        fcntl.lockf(self.fd, fcntl.LOCK_EX, CURSOR.size, 0)
        try:
            (start,) = CURSOR.unpack(os.pread(self.fd, CURSOR.size, 0))
            if start >= limit:
                return None
            end = min(start + size, limit)
            os.pwrite(self.fd, CURSOR.pack(end), 0)
            return start, end
        finally:
            fcntl.lockf(self.fd, fcntl.LOCK_UN, CURSOR.size, 0)


def write_envelope_file(fd: int, envelopes: list) -> None:
    """Lay out a shared envelope file: the cursor at 0, then the envelopes as JSON.

    Raises TypeError if an envelope is not plain JSON data (bytes, say): such envelopes are
    checked in the ingesting process instead.
    """
    os.pwrite(fd, CURSOR.pack(0) + orjson.dumps(envelopes), 0)


def read_envelope_file(fd: int) -> list:
    size = os.fstat(fd).st_size - CURSOR.size
    parts, offset = [], CURSOR.size
    while size > 0:
        part = os.pread(fd, size, offset)
        if not part:
            break
        parts.append(part)
        offset += len(part)
        size -= len(part)
    return orjson.loads(b"".join(parts))


def serve(fd: int, answers) -> None:
    """Check chunks claimed from the shared file until none is left, answering each."""
    envelopes = read_envelope_file(fd)
    cursor = ClaimCursor(fd)
    while (span := cursor.claim(CHUNK, len(envelopes))) is not None:
        start, end = span
        problems, digest = envelope_problems(envelopes[start:end])
        refusals = [
            [position, problem]
            for position, problem in enumerate(problems, start)
            if problem is not None
        ]
        answer = orjson.dumps([start, end, refusals, digest])
        answers.write(LENGTH.pack(len(answer)) + answer)
        answers.flush()


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.stdout.buffer)
