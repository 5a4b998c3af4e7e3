"""Taking sync lines from a peer or a bundle into the log: every line within its bounds, fork
proofs first, entries in batches through the log's one checked ingest, then the attachment
bodies (hash checked, and kept only for entries the log took).

A line that fails to verify is counted as invalid and stores nothing; the rest still count,
since every entry proves itself. Invalid lines are counted, and only the first few reasons are
kept: a stream of junk costs a counter, not memory. Entries that arrive before their
predecessors or deps are parked by the log and applied when those arrive.
"""

import contextlib
from dataclasses import dataclass, field

from commoning.core import limits
from commoning.core.bounded import LongLine
from commoning.core.bundle_format import AttItem, ForkItem, parse_att, parse_fork, split_line
from commoning.core.entry import EntryError
from commoning.log.append import keep_attachments
from commoning.log.fork_proofs import ingest_fork_proof
from commoning.log.ingest import IngestReport, ingest_envelopes
from commoning.log.projection import reproject_if_due

BATCH = limits.RECEIVE_BATCH_ENTRIES


class TooManyInvalid(ValueError):
    """A stream held more invalid lines than any honest sender writes; reading stopped."""


@dataclass
class Received:
    """What a stream of lines brought: the log's ingest report and the invalid lines."""

    report: IngestReport = field(default_factory=IngestReport)
    invalid_count: int = 0
    invalid_reasons: list = field(default_factory=list)  # the first few (where, reason)
    entries: int = 0
    forks: int = 0
    atts: int = 0
    atts_dropped: int = 0  # bodies no taken entry names (a refused entry's, or nobody's)

    @property
    def invalid(self) -> list:
        """The kept reasons; truthy exactly when any line was invalid."""
        return self.invalid_reasons if self.invalid_count else []

    def add_invalid(self, where: str, reason: str) -> None:
        self.invalid_count += 1
        if len(self.invalid_reasons) < limits.KEPT_INVALID_REASONS:
            self.invalid_reasons.append((where, reason))
        # Raised once, when the count passes the limit: the lines still in a batch when the
        # caller finishes are only counted.
        if self.invalid_count == limits.MAX_INVALID_LINES + 1:
            raise TooManyInvalid(f"more than {limits.MAX_INVALID_LINES} invalid lines")

    def merge(self, other: "Received") -> None:
        self.report.merge(other.report)
        self.invalid_count += other.invalid_count
        room = limits.KEPT_INVALID_REASONS - len(self.invalid_reasons)
        self.invalid_reasons.extend(other.invalid_reasons[: max(room, 0)])
        self.entries += other.entries
        self.forks += other.forks
        self.atts += other.atts
        self.atts_dropped += other.atts_dropped

    @property
    def past_limit(self) -> bool:
        """More invalid lines than any honest sender writes."""
        return self.invalid_count > limits.MAX_INVALID_LINES

    @property
    def new_entries(self) -> int:
        counts = self.report.counts
        return sum(counts.get(s, 0) for s in ("applied", "rejected", "cut", "parked", "fork"))

    def summary(self) -> dict:
        return {
            "entries": self.entries,
            "forks": self.forks,
            "atts": self.atts,
            "atts_dropped": self.atts_dropped,
            "counts": {str(status): n for status, n in self.report.counts.items()},
            "refusals": [list(r) for r in self.report.refusals[: limits.KEPT_INVALID_REASONS]],
            "invalid": self.invalid_count,
            "invalid_reasons": [list(r) for r in self.invalid_reasons],
        }


def take_fork(item: ForkItem, received: Received, *, reproject: bool = True) -> None:
    outcome = ingest_fork_proof(item.first.envelope(), item.second.envelope(),
                                reproject=reproject)
    received.report.add(outcome)
    received.forks += 1


class Receiver:
    """Takes lines one by one; `finish()` hands the last batch to the log.

    `on_invalid(where, reason)` decides what an invalid line does: by default it is counted
    (a sync stream); a bundle raises instead, since a bundle is taken whole or not at all.
    """

    def __init__(self, *, net: str, progress=None, on_invalid=None,
                 batch_entries: int = BATCH, batch_bytes: int = limits.RECEIVE_BATCH_BYTES):
        self.net = net
        self.received = Received()
        self.progress = progress
        self.on_invalid = on_invalid or self.received.add_invalid
        self.batch_entries, self.batch_bytes = batch_entries, batch_bytes
        self.envelopes: list = []
        self.envelope_lines: list[int] = []  # the line number of each envelope
        self.pending_atts: list[AttItem] = []
        self.pending_bytes = 0

    def take(self, number: int, raw) -> None:
        if isinstance(raw, LongLine):
            self.on_invalid(f"line {number}", f"line is too long ({raw.size} bytes)")
            return
        if not raw.strip():
            return
        try:
            kind, body = split_line(raw)
            if kind == "entry":
                # Checked by the log's ingest, like every entry from outside.
                self.envelopes.append(body)
                self.envelope_lines.append(number)
                self.received.entries += 1
            elif kind == "fork":
                item = parse_fork(body)
                if item.first.network_id != self.net:
                    raise EntryError("a fork proof of another network")
                take_fork(item, self.received, reproject=False)  # once, in finish()
            else:
                self.pending_atts.append(parse_att(body))
        except EntryError as error:
            self.on_invalid(f"line {number}", str(error))
            return
        self.pending_bytes += len(raw)
        if len(self.envelopes) >= self.batch_entries or self.pending_bytes >= self.batch_bytes:
            self.flush()

    def flush(self) -> None:
        """Entries first, then the bodies they name: a body is kept only once the log has
        taken an entry that names it."""
        if self.envelopes:
            # Taken out first: if counting invalid lines stops the stream, a later finish()
            # must not ingest this batch again.
            envelopes, lines = self.envelopes, self.envelope_lines
            self.envelopes, self.envelope_lines = [], []
            report = ingest_envelopes(envelopes, net=self.net)
            invalid, count = self._unverified_taken_out(report, lines)
            self.received.report.merge(report)
            if self.progress:
                self.progress(len(envelopes))
            # Counted (or, for a bundle, refusing it whole) under their line numbers; beyond
            # the reasons the report kept, only counted.
            stop = None
            for where, reason in invalid + [("", "")] * (count - len(invalid)):
                try:
                    self.on_invalid(where, reason)
                except TooManyInvalid as error:
                    stop = error  # the whole batch is counted first
            if stop is not None:
                raise stop
        if self.pending_atts:
            kept = keep_attachments(self.pending_atts)
            self.received.atts += kept
            self.received.atts_dropped += len(self.pending_atts) - kept
            self.pending_atts = []
        self.pending_bytes = 0

    @staticmethod
    def _unverified_taken_out(report, lines: list[int]) -> tuple[list, int]:
        """Take the entries that failed verification (or named another network) out of the
        report: they are invalid lines, like any other. Returns their (where, reason) as far
        as the report kept reasons, and how many there were in all."""
        unverified, report.unverified = report.unverified, 0
        if not unverified:
            return [], 0
        report.counts["refused"] -= unverified
        if not report.counts["refused"]:
            del report.counts["refused"]
        by_position = [(where, reason) for where, reason in report.refusals
                       if where.startswith("#")]
        report.refusals = [refusal for refusal in report.refusals if refusal not in by_position]
        return [(f"line {lines[int(where[1:])]}", reason)
                for where, reason in by_position], unverified

    def finish(self) -> Received:
        with contextlib.suppress(TooManyInvalid):  # counted: past_limit tells the caller
            self.flush()
        # However many fork proofs came, what they cut is re-projected once, here.
        reproject_if_due()
        if not self.received.entries and not self.received.forks:
            # Nothing new is still the moment to apply what waited for its time.
            self.received.report.merge(ingest_envelopes([], net=self.net))
        return self.received


def receive_lines(lines, *, net: str, progress=None) -> Received:
    """Verify and ingest an iterable of raw lines (bytes, or LongLine) for network `net`.
    Raises TooManyInvalid (after keeping what was valid before) on a stream of junk."""
    receiver = Receiver(net=net, progress=progress)
    try:
        for number, raw in enumerate(lines, start=1):
            receiver.take(number, raw)
    finally:
        receiver.finish()
    return receiver.received
