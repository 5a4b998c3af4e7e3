"""The verdict on one entry, shared by ingest and rebuild: the log's own rules (cut by a fork,
dated before what it relies on, a null net outside a genesis), then the entry type's domain rule.
Both paths call `judge` with the same causal facts, so they reach the same verdict."""

from commoning.core.entry import Entry
from commoning.log import registry
from commoning.log.models import EntryStatus


def time_verdict(entry: Entry, *, prev_ts, net_ts, dep_timestamps) -> str:
    """Why the entry's `ts` is earlier than something it relies on, or "" if it is not.

    Time that cannot be backdated: nothing an entry relies on (its prev, its deps, the network's
    genesis) can be later than the entry itself, so an author can date an entry no earlier than
    the latest anchor in its causal past (docs/decisions/0004-time-rules.md).
    """
    if prev_ts is not None and entry.ts < prev_ts:
        return "ts is earlier than the author's previous entry"
    if net_ts is not None and entry.ts < net_ts:
        return "ts is earlier than the network's genesis"
    if dep_timestamps and entry.ts < max(dep_timestamps):
        return "ts is earlier than an entry it depends on"
    return ""


def judge(entry: Entry, *, prev_ts, net_ts, dep_timestamps, relied_on_statuses,
          raise_rejected=False) -> tuple[str, str]:
    """Decide applied / rejected / cut: the log's own rules first, then the domain rule.

    Shared by ingest and rebuild so both reach the same verdict on the same causal past.
    `net_ts` is the genesis entry's ts (None for the genesis itself) and `dep_timestamps` the
    ts of each dep.
    """
    if EntryStatus.CUT in relied_on_statuses:
        return EntryStatus.CUT, "relies on an entry cut by a fork"
    too_early = time_verdict(entry, prev_ts=prev_ts, net_ts=net_ts, dep_timestamps=dep_timestamps)
    if too_early:
        return EntryStatus.REJECTED, too_early
    if entry.net is None and entry.type != "log.genesis":
        return EntryStatus.REJECTED, "only a genesis entry may have a null net"
    try:
        registry.run_rule(entry)
    except registry.Rejected as rejected:
        if raise_rejected:  # a local action: the caller wants the reason and its HTTP status
            raise
        return EntryStatus.REJECTED, rejected.reason
    return EntryStatus.APPLIED, ""
