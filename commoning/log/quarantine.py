"""The quarantine: a small, capped, node-local store of entries whose authors are not admitted.

Such entries are not in the log: not applied, not in the frontier, never relayed. They are
kept a while only because an author's admission may arrive after their identity (sync pages,
bundles and partitions reorder things); when it does, the log takes them from here. The cap
(count and bytes, oldest dropped first) bounds what an outsider can make a node keep; what is
dropped comes back with the next sync from a node that holds it.
"""

import orjson
from django.conf import settings
from django.db.models import F, Sum

from commoning.core.entry import Entry
from commoning.log.models import QuarantinedEntry, RefusalTally


def limits() -> tuple[int, int]:
    """(max entries, max bytes), from the node's settings."""
    return settings.COMMONING_QUARANTINE_MAX_ENTRIES, settings.COMMONING_QUARANTINE_MAX_BYTES


def hold(entries: list[Entry]) -> None:
    """Keep entries aside (one insert; an entry held already stays as it is)."""
    rows = []
    for entry in entries:
        sigs = orjson.dumps([list(pair) for pair in entry.sigs]).decode()
        rows.append(QuarantinedEntry(
            entry_id=entry.id, net=entry.network_id, author=entry.author, seq=entry.seq,
            payload=entry.payload_bytes, sigs=sigs, size=len(entry.payload_bytes) + len(sigs),
        ))
    QuarantinedEntry.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


def held_authors() -> set[tuple[str, str]]:
    """(net, author) of every held entry: the cap keeps this small."""
    return set(QuarantinedEntry.objects.values_list("net", "author").distinct())


def release(net: str, author: str) -> list[Entry]:
    """Take the author's held entries out, in seq order (verified when they were held)."""
    rows = list(QuarantinedEntry.objects.filter(net=net, author=author).order_by("seq"))
    QuarantinedEntry.objects.filter(order__in=[row.order for row in rows]).delete()
    entries = []
    for row in rows:
        payload_bytes = bytes(row.payload)
        sigs = tuple(tuple(pair) for pair in orjson.loads(row.sigs))
        entries.append(Entry(payload_bytes, orjson.loads(payload_bytes), row.entry_id, sigs))
    return entries


def enforce_cap() -> int:
    """Drop the oldest held entries beyond the cap; return how many were dropped."""
    max_entries, max_bytes = limits()
    kept_count, kept_bytes, cutoff = 0, 0, None
    # Newest first, so the walk stops at the first entry that would break the cap.
    newest = QuarantinedEntry.objects.order_by("-order").values_list("order", "size")
    for order, size in newest[: max_entries + 1]:
        if kept_count + 1 > max_entries or kept_bytes + size > max_bytes:
            cutoff = order
            break
        kept_count, kept_bytes = kept_count + 1, kept_bytes + size
    if cutoff is None:
        return 0
    dropped, _ = QuarantinedEntry.objects.filter(order__lte=cutoff).delete()
    return dropped


def size() -> tuple[int, int]:
    """(entries held, bytes held)."""
    count = QuarantinedEntry.objects.count()
    total = QuarantinedEntry.objects.aggregate(total=Sum("size"))["total"] or 0
    return count, total


def tally(source: str, *, entries: int = 0, fork_proofs: int = 0) -> None:
    """Count what a source sent for authors who are not admitted (node-local, for operators)."""
    if not entries and not fork_proofs:
        return
    source = source[:100]
    updated = RefusalTally.objects.filter(source=source).update(
        entries=F("entries") + entries, fork_proofs=F("fork_proofs") + fork_proofs
    )
    if not updated:
        RefusalTally.objects.create(source=source, entries=entries, fork_proofs=fork_proofs)
