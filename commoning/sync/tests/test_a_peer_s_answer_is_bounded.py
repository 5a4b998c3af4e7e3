"""A hostile peer's pull answer is input like any other: bounded in unpacked bytes, per line,
and in total time (finding 4: a 1 MiB gzip answer without newlines took a node to 2.2 GB; a
peer dripping its answer held the caller as long as it liked)."""

import gzip
import time
import tracemalloc

import httpx
import orjson
import pytest

from commoning.core import limits
from commoning.sync import actions
from commoning.sync.client import PeerClient, PeerError

from .kit import signed_frontier

pytestmark = pytest.mark.django_db


def streamed(chunks, *, gzipped: bool):
    """A transport whose pull answer is streamed from `chunks` (never read whole by httpx)."""

    def handle(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "application/x-ndjson"}
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        return httpx.Response(200, headers=headers, content=iter(chunks))

    return httpx.MockTransport(handle)


def gzip_stream(total: int, piece: bytes = b"y" * 2**20):
    """The gzip of `total` bytes without a newline, produced piece by piece."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    for _ in range(total // len(piece)):
        yield packer.compress(piece)
    yield packer.flush()


def test_an_answer_that_unpacks_past_the_limit_fails_without_being_held(net, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PULL_ANSWER_BYTES", 64 * limits.MIB)
    client = PeerClient("http://peer.test",
                        transport=streamed(gzip_stream(256 * limits.MIB), gzipped=True))
    tracemalloc.start()
    try:
        with pytest.raises(PeerError, match="more than a pull holds"):
            for _line in client.pull(net, signed_frontier(net)):
                pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # The first line may be a frontier of up to MAX_FRONTIER_BYTES; beyond it, chunks only.
    assert peak < limits.MAX_FRONTIER_BYTES + 4 * limits.MIB


def test_a_long_line_in_an_answer_is_skipped_not_held(net):
    frontier = orjson.dumps({"frontier": signed_frontier(net)}) + b"\n"
    body = gzip.compress(frontier + b"z" * (16 * limits.MIB) + b"\n", mtime=0)
    client = PeerClient("http://peer.test", transport=streamed([body], gzipped=True))
    lines = list(client.pull(net, signed_frontier(net)))
    assert lines[0] == frontier
    assert lines[1].size == 16 * limits.MIB + 1  # a LongLine: its size, not its bytes


def test_an_answer_that_drips_fails_at_the_total_deadline(net, monkeypatch):
    monkeypatch.setattr(limits, "PEER_ANSWER_SECONDS", 0.5)

    def drip():
        while True:
            time.sleep(0.05)
            yield b"{"

    client = PeerClient("http://peer.test", transport=streamed(drip(), gzipped=False))
    started = time.monotonic()
    with pytest.raises(PeerError, match="took longer"):
        list(client.pull(net, signed_frontier(net)))
    assert time.monotonic() - started < 5


def test_a_sync_with_a_bomb_answer_fails_and_reports_it(net, alice, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PULL_ANSWER_BYTES", 16 * limits.MIB)
    peer = actions.add_peer(net, "http://peer.test")
    result = actions.sync_with_peer(
        peer, transport=streamed(gzip_stream(64 * limits.MIB), gzipped=True))
    assert result.error
    peer.refresh_from_db()
    assert peer.last_result == "failed"
