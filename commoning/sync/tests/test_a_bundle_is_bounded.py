"""A bundle is streamed within bounds, never held whole (finding 4: a 1 MiB bundle took a node
to 2.1 GB through the CLI and 1.5 GB through the web upload)."""

import gzip
import hashlib
import io
import tracemalloc

import pytest

from commoning.core import limits
from commoning.core.bundle_format import BundleError, BundleHeader, header_line
from commoning.log.models import Entry as EntryRow
from commoning.sync.actions import import_bundle

from .kit import REMOTE_NODE, make_bundle, remote_member

pytestmark = pytest.mark.django_db


def bomb(net: str, body_chunks) -> bytes:
    header = BundleHeader(net=net, node=REMOTE_NODE.public_hex, ts=1, for_node="", entries=1,
                          digest=hashlib.sha256(b"").hexdigest())
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as stream:
        stream.write(header_line(REMOTE_NODE, header))
        for chunk in body_chunks:
            stream.write(chunk)
    return out.getvalue()


def test_a_bundle_with_a_huge_line_is_refused_without_holding_it(net):
    raw = bomb(net, [b"x" * limits.MIB] * 64)
    assert len(raw) < limits.MIB
    before = EntryRow.objects.count()
    tracemalloc.start()
    try:
        with pytest.raises(BundleError, match="too long"):
            import_bundle(io.BytesIO(raw))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * limits.MIB
    assert EntryRow.objects.count() == before


def test_a_bundle_that_unpacks_past_the_limit_is_refused_whole(net, monkeypatch):
    monkeypatch.setattr(limits, "MAX_BUNDLE_BYTES", limits.MIB)
    _key, identity = remote_member(net)
    raw = make_bundle(net, [identity], body_lines=[
        b'{"entry":' + identity.envelope_bytes() + b"}\n", b"\n" * (2 * limits.MIB)])
    with pytest.raises(BundleError, match="larger than this node takes"):
        import_bundle(io.BytesIO(raw))
    assert not EntryRow.objects.filter(id=identity.id).exists()  # all or nothing


def test_a_bundle_of_many_valid_entries_streams_in_bounded_memory(net):
    key, identity = remote_member(net)
    from .kit import after

    entries, previous = [identity], identity
    for number in range(3000):
        previous = after(key, previous, "accounts.profile", {"name": f"Rita {number}"})
        entries.append(previous)
    raw = make_bundle(net, entries)
    tracemalloc.start()
    try:
        result = import_bundle(io.BytesIO(raw))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.received.report.counts == {"applied": len(entries)}
    assert peak < 64 * limits.MIB
