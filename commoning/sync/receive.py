"""Taking sync lines from a peer into the log: verify every line, fork proofs first, then
entries in batches through the log's ingest, then the attachment bodies (hash checked).

A line that fails to verify is counted as invalid and stores nothing; the rest still count,
since every entry proves itself. Entries that arrive before their predecessors or deps are
parked by the log and applied when those arrive.
"""

from dataclasses import dataclass, field

from commoning.core.bundle_format import AttItem, ForkItem, parse_line
from commoning.core.entry import Entry, EntryError
from commoning.log.append import store_attachment
from commoning.log.ingest import IngestReport, ingest_entries
from commoning.log.models import Entry as EntryRow
from commoning.log.projection import reproject_if_due
from commoning.log.writer import ingest_fork_proof

BATCH = 1000


@dataclass
class Received:
    """What a stream of lines brought: the log's ingest report and the invalid lines."""

    report: IngestReport = field(default_factory=IngestReport)
    invalid: list = field(default_factory=list)  # (where, reason)
    entries: int = 0
    forks: int = 0
    atts: int = 0

    @property
    def new_entries(self) -> int:
        counts = self.report.counts
        return sum(counts.get(s, 0) for s in ("applied", "rejected", "cut", "parked", "fork"))

    def summary(self) -> dict:
        return {
            "entries": self.entries,
            "forks": self.forks,
            "atts": self.atts,
            "counts": {str(status): n for status, n in self.report.counts.items()},
            "refusals": [list(r) for r in self.report.refusals[:20]],
            "invalid": len(self.invalid),
            "invalid_reasons": [list(r) for r in self.invalid[:20]],
        }


def take_fork(item: ForkItem, received: Received, *, reproject: bool = True) -> None:
    outcome = ingest_fork_proof(item.first.envelope(), item.second.envelope(),
                                reproject=reproject)
    received.report.add(outcome)
    received.forks += 1


def take_att(item: AttItem, received: Received, named: set) -> None:
    """Keep a body only if an entry names it, so a peer cannot fill the disk with others."""
    if item.hash not in named and not EntryRow.objects.filter(att_hash=item.hash).exists():
        received.invalid.append((f"attachment {item.hash[:12]}…", "no entry names it"))
        return
    store_attachment(item.body, item.media_type)
    received.atts += 1


def receive_lines(lines, *, net: str, progress=None) -> Received:
    """Verify and ingest an iterable of raw lines (bytes) for network `net`."""
    received = Received()
    batch: list[Entry] = []
    pending_atts: list[AttItem] = []
    named: set[str] = set()  # attachment hashes the entries of this stream name

    def flush():
        if batch:
            received.report.merge(ingest_entries(batch))
            if progress:
                progress(len(batch))
            batch.clear()
        for att in pending_atts:
            take_att(att, received, named)
        pending_atts.clear()

    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = parse_line(raw)
        except EntryError as error:
            received.invalid.append((f"line {number}", str(error)))
            continue
        if isinstance(item, Entry):
            if item.network_id != net:
                received.invalid.append((f"line {number}", "an entry of another network"))
                continue
            batch.append(item)
            received.entries += 1
            if item.att:
                named.add(item.att["hash"])
            if len(batch) >= BATCH:
                flush()
        elif isinstance(item, ForkItem):
            if item.first.network_id != net:
                received.invalid.append((f"line {number}", "a fork proof of another network"))
                continue
            take_fork(item, received, reproject=False)  # once, below, however many came
        else:
            pending_atts.append(item)
    flush()
    reproject_if_due()
    return received
