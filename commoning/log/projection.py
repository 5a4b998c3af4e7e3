"""Rebuild and state hash: every projection is recreated from the log alone.

`rebuild` empties every registered projection and replays the chain in this node's apply order,
which always respects causal order. Forked feeds are cut at the fork: neither branch counts, so
nodes that saw different branches still agree once they share the fork proof.
The state hash, which digests every projection, lives in `state_hash.py`; it is re-exported
here, where callers have always found it.
"""

from django.db import transaction

from commoning.log import counters, registry
from commoning.log.judge import judge
from commoning.log.models import Entry as EntryRow
from commoning.log.models import EntryStatus, ForkProof, NodeSetting
from commoning.log.state_hash import cached_state_hash, note_rebuild, state_hash
from commoning.log.writer import entry_from_row, lock_log

__all__ = ["cached_state_hash", "rebuild", "reproject_if_due", "state_hash"]

REPLAY_CHUNK = 2000
REPROJECTION_DUE = "reprojection_due"  # node setting: a fork proof cut stored entries


def _fork_seqs() -> dict:
    seqs = {}
    for net, author, seq in ForkProof.objects.values_list("net", "author", "seq"):
        seqs[(net, author)] = min(seq, seqs.get((net, author), seq))
    return seqs


def rebuild(progress=None) -> dict:
    """Drop every projection and replay the log. Returns counts by resulting status."""
    counts = {EntryStatus.APPLIED: 0, EntryStatus.REJECTED: 0, EntryStatus.CUT: 0}
    with transaction.atomic(), registry.members_remembered():
        lock_log()
        for model in reversed(registry.PROJECTIONS):
            model.objects.all().delete()
        NodeSetting.objects.filter(key=REPROJECTION_DUE).delete()
        note_rebuild()  # outcomes may change without a new entry: stored digests go stale
        fork_seqs = _fork_seqs()
        # Only what later entries can ask about is kept, so memory stays small on big logs.
        cut_ids: set[str] = set()
        last_ts: dict[tuple, int] = {}
        net_ts: dict[str, int] = {}  # the genesis ts of each network, for the time rule
        total = EntryRow.objects.count()
        last_order = 0
        while True:
            rows = list(
                EntryRow.objects.filter(apply_order__gt=last_order)
                .order_by("apply_order")
                .defer("received_at")[:REPLAY_CHUNK]
            )
            if not rows:
                break
            entries = [entry_from_row(row) for row in rows]
            anchor_ts = _anchor_timestamps(rows, entries, net_ts)
            changed = []
            for row, entry in zip(rows, entries, strict=True):
                status, reason = _replay_one(row, entry, fork_seqs, cut_ids, last_ts, anchor_ts)
                if status == EntryStatus.CUT:
                    cut_ids.add(row.id)
                last_ts[(row.net, row.author)] = row.ts
                counts[status] += 1
                if (status, reason) != (row.status, row.reason):
                    row.status, row.reason = status, reason
                    changed.append(row)
            if changed:
                EntryRow.objects.bulk_update(changed, ["status", "reason"], batch_size=500)
            last_order = rows[-1].apply_order
            if progress:
                progress(len(rows), total)
        counters.recount()  # the triggers kept them exact; a rebuild is the moment to check
    return {str(key): value for key, value in counts.items()}


def _anchor_timestamps(rows, entries, net_ts: dict) -> dict:
    """id -> ts of every dep and network the chunk's entries name: one query per 500 ids.

    The chunk's own rows answer for deps inside it; networks are kept across chunks in
    `net_ts` (a node hosts a few). Deps never change their ts, so the look-up order is free.
    """
    known = {row.id: row.ts for row in rows}
    wanted = {dep for entry in entries for dep in entry.deps if dep not in known}
    wanted |= {entry.net for entry in entries if entry.net is not None} - set(net_ts) - set(known)
    found = dict(known)
    wanted_ids = sorted(wanted)
    for start in range(0, len(wanted_ids), 500):
        found.update(
            EntryRow.objects.filter(id__in=wanted_ids[start : start + 500]).values_list("id", "ts")
        )
    for net in {entry.net for entry in entries if entry.net is not None}:
        if net in found:
            net_ts.setdefault(net, found[net])
        elif net in net_ts:
            found[net] = net_ts[net]
    return found


def mark_reprojection_due() -> None:
    NodeSetting.objects.update_or_create(key=REPROJECTION_DUE, defaults={"value": "1"})


def reprojection_due() -> bool:
    return NodeSetting.objects.filter(key=REPROJECTION_DUE).exists()


def reproject_if_due() -> bool:
    """Rebuild if a recorded fork proof cut stored entries since the last rebuild."""
    with transaction.atomic():
        lock_log()
        if not reprojection_due():
            return False
        rebuild()
    return True


def _replay_one(row, entry, fork_seqs, cut_ids, last_ts, anchor_ts) -> tuple[str, str]:
    fork_seq = fork_seqs.get((row.net, row.author))
    if fork_seq is not None and row.seq >= fork_seq:
        return EntryStatus.CUT, f"at or after seq {fork_seq}, where the author's key forked"
    relied_on = [entry.prev, *entry.deps] if entry.prev else list(entry.deps)
    status, reason = judge(
        entry,
        # Apply order follows each feed's seq, so the feed's last ts is the prev entry's ts.
        prev_ts=last_ts.get((row.net, row.author)) if entry.prev else None,
        # Every dep and the genesis were applied before this entry (apply order is causal).
        net_ts=anchor_ts[entry.net] if entry.net is not None else None,
        dep_timestamps=[anchor_ts[dep] for dep in entry.deps],
        relied_on_statuses=[EntryStatus.CUT for ref in relied_on if ref in cut_ids],
    )
    if status == EntryStatus.APPLIED:
        registry.apply(entry)
    return status, reason
