"""Rebuild and state hash: every projection is recreated from the log alone.

`rebuild` empties every registered projection and replays the chain in this node's apply order,
which always respects causal order. Forked feeds are cut at the fork: neither branch counts, so
nodes that saw different branches still agree once they share the fork proof.
`state_hash` digests every projection row (and which entries were applied or rejected), in a
canonical order, so two nodes holding the same set of entries print the same digest.
"""

import hashlib

import orjson
from django.db import models, transaction

from commoning.log import registry
from commoning.log.judge import judge
from commoning.log.models import Entry as EntryRow
from commoning.log.models import EntryStatus, ForkProof, NodeSetting, StateHashCache
from commoning.log.writer import entry_from_row, lock_log

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
        StateHashCache.objects.all().delete()  # statuses may change without a new entry
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


def _jsonable(value):
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def state_hash(net: str | None = None) -> str:
    """A digest of all projections (optionally of one network) and of entry outcomes."""
    digest = hashlib.sha256(b"commoning/state/v1\x00")
    for model in sorted(registry.PROJECTIONS, key=lambda m: m._meta.label):
        # Surrogate auto-increment keys depend on arrival order, so they are left out.
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if not isinstance(field, models.AutoField | models.BigAutoField)
        ]
        queryset = model.objects.all()
        # A projection names its network in `net`, unless it says otherwise (Network: its id).
        net_field = getattr(model, "STATE_HASH_NET_FIELD", "net")
        if net is not None and net_field in fields:
            queryset = queryset.filter(**{net_field: net})
        rows = sorted(
            orjson.dumps([_jsonable(value) for value in row])
            for row in queryset.values_list(*fields).iterator(chunk_size=5000)
        )
        digest.update(model._meta.label.encode() + b"\x00" + str(len(rows)).encode() + b"\x00")
        for row in rows:
            digest.update(row + b"\n")
    # Which entries count, and which a rule refused, is part of the shared state too. Cut entries
    # are left out: a node may hold some that another refused outright after seeing the fork.
    outcomes = EntryRow.objects.filter(
        status__in=[EntryStatus.APPLIED, EntryStatus.REJECTED]
    )
    if net is not None:
        outcomes = outcomes.filter(net=net)
    pairs = sorted(outcomes.values_list("id", "status").iterator(chunk_size=5000))
    digest.update(b"entries\x00" + str(len(pairs)).encode() + b"\x00")
    for entry_id, status in pairs:
        digest.update(f"{entry_id}:{status}\n".encode())
    return digest.hexdigest()


def cached_state_hash(net: str | None = None) -> str:
    """`state_hash`, computed once per log position: the highest apply order and the number
    of fork proofs (two index look-ups). A new entry or proof moves the position; a rebuild
    (which may change statuses without either) clears the cache. For public, repeated asks
    (the API); the CLI and the tests compute it afresh, so a projection changed behind the
    log's back shows."""
    scope = net or ""
    apply_order = EntryRow.objects.aggregate(top=models.Max("apply_order"))["top"] or 0
    fork_proofs = ForkProof.objects.count()
    cached = StateHashCache.objects.filter(
        scope=scope, apply_order=apply_order, fork_proofs=fork_proofs
    ).values_list("digest", flat=True).first()
    if cached is not None:
        return cached
    digest = state_hash(net)
    StateHashCache.objects.update_or_create(
        scope=scope,
        defaults={"apply_order": apply_order, "fork_proofs": fork_proofs, "digest": digest},
    )
    return digest
