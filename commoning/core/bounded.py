"""Reading lines from a stream someone else wrote, within bounds (see commoning.core.limits).

The stream is read in fixed chunks and split here, never with an unbounded `readline`: a line
longer than its kind allows is skipped as it streams by, without being held whole; the bytes
read (after decompression, when the stream is gzip) are counted against a total; and an
optional deadline bounds the wall time a slow sender may take.
"""

import gzip
import re
import time
import zlib
from collections.abc import Callable, Iterator

from commoning.core import limits

CHUNK_BYTES = 64 * 1024
ATT_PREFIX = b'{"att":'
NOT_NEWLINE = re.compile(rb"[^\n]")


class TooLarge(ValueError):
    """The stream holds more bytes than its limit allows."""


class TooSlow(TimeoutError):
    """The stream did not arrive within its deadline."""


class Corrupt(ValueError):
    """The stream is not valid gzip (or was cut short inside it)."""


class LongLine:
    """Stands for a line longer than its kind allows; its bytes were skipped, not kept."""

    __slots__ = ("size",)

    def __init__(self, size: int):
        self.size = size


def line_limit(start: bytes) -> int:
    """The most bytes a sync or bundle line may hold, by its kind: an attachment line may be
    larger than an entry or fork line. `start` is the line so far."""
    return limits.MAX_ATTACHMENT_LINE_BYTES if start.startswith(ATT_PREFIX) \
        else limits.MAX_ENTRY_LINE_BYTES


def gunzipped(handle) -> gzip.GzipFile:
    """A gzip reader over `handle`: each read decompresses only what it returns."""
    return gzip.GzipFile(fileobj=handle, mode="rb")


def lines(read: Callable[[int], bytes], *, max_total: int, deadline: float | None = None,
          first_line_limit: int | None = None) -> Iterator[bytes | LongLine]:
    """Yield each line that is not blank (with its newline; the last may lack one) or a
    LongLine for a line over
    its limit: `first_line_limit` for the first (a header or frontier), line_limit() for the
    rest. Raise TooLarge past `max_total` bytes, TooSlow past `deadline` (a time.monotonic()
    value), Corrupt if the gzip underneath is broken."""
    first = [first_line_limit is not None]

    def limit_for(start: bytes) -> int:
        return first_line_limit if first[0] else line_limit(start)

    def taken(item):
        first[0] = False
        return item

    buffer = bytearray()
    total = 0
    skipped = None  # the size of the long line being skipped, or None
    while True:
        if deadline is not None and time.monotonic() > deadline:
            raise TooSlow("the body did not arrive in time")
        try:
            chunk = read(CHUNK_BYTES)
        except (OSError, EOFError, zlib.error) as error:
            raise Corrupt(f"the body is not valid gzip or was cut short ({error})") from error
        if not chunk:
            break
        # Let other threads of a server run between chunks: a gigabyte of junk is read in
        # many chunks, and no page should wait for all of them.
        time.sleep(0)
        total += len(chunk)
        if total > max_total:
            raise TooLarge(f"the body is larger than {max_total} bytes")
        buffer += chunk
        start = 0
        while True:
            if skipped is None:
                # Blank lines carry nothing: a run of them is passed over at C speed, so a
                # body of newlines costs a scan, not a loop per line.
                found = NOT_NEWLINE.search(buffer, start)
                start = found.start() if found else len(buffer)
            end = buffer.find(b"\n", start)
            if end == -1:
                break
            if skipped is not None:
                yield taken(LongLine(skipped + end + 1 - start))
                skipped = None
            else:
                line = bytes(buffer[start : end + 1])
                yield taken(line if len(line) <= limit_for(line) else LongLine(len(line)))
            start = end + 1
        del buffer[:start]
        if skipped is not None:
            skipped += len(buffer)
            buffer.clear()
        elif len(buffer) > limit_for(bytes(buffer[: len(ATT_PREFIX)])):
            # Over the limit before its end: skip the rest as it streams by.
            skipped = len(buffer)
            buffer.clear()
    if skipped is not None:
        yield LongLine(skipped)
    elif buffer:
        yield bytes(buffer)
