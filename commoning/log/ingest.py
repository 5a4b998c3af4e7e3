"""Ingest: entries from a peer, a bundle or a file enter the log through here.

Every envelope is parsed and verified (canonical bytes, shape, signatures) before any database
work; a refused envelope is reported with its reason and stores nothing. Verified entries are
then taken in one transaction by a LogWriter.
"""

from dataclasses import dataclass, field

from django.db import transaction

from commoning.core import limits
from commoning.core.entry import Entry, envelope_verdict
from commoning.log import registry
from commoning.log.projection import rebuild
from commoning.log.verifier import SharedChecks
from commoning.log.writer import LogWriter, Outcome

BATCH = 2000
KEPT_REFUSALS = limits.KEPT_INVALID_REASONS


@dataclass
class IngestReport:
    """Counts by outcome, and the refusals with their reasons (for people and peers)."""

    counts: dict = field(default_factory=dict)
    refusals: list = field(default_factory=list)  # (position or id, reason)
    # Of the refusals, those that failed verification or named another network, by position
    # ("#12"); the log's own refusals (a forked key, a broken chain) are by entry id.
    unverified: int = 0

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        # Counted always, kept only the first few: a stream of junk costs a counter, not memory.
        if outcome.status == "refused" and len(self.refusals) < KEPT_REFUSALS:
            self.refusals.append((outcome.id, outcome.reason))

    def merge(self, other: "IngestReport") -> None:
        for status, count in other.counts.items():
            self.counts[status] = self.counts.get(status, 0) + count
        self.refusals.extend(other.refusals[: max(KEPT_REFUSALS - len(self.refusals), 0)])
        self.unverified += other.unverified


def verify_envelopes(envelopes, *, net: str | None = None) -> tuple[list[Entry], IngestReport]:
    """Parse and verify envelopes; the refused ones go into the report, not the list."""
    report = IngestReport()
    return _taken(map(envelope_verdict, envelopes), 0, report, net), report


def _taken(verdicts, offset: int, report: IngestReport, net: str | None) -> list[Entry]:
    """The entries among per-envelope verdicts (of network `net`, if given); each refusal
    goes into the report with its position (counted from `offset`)."""
    entries = []
    for position, verdict in enumerate(verdicts, offset):
        if not isinstance(verdict, Entry):
            report.add(Outcome("refused", f"#{position}", verdict))
            report.unverified += 1
        elif net is not None and verdict.network_id != net:
            report.add(Outcome("refused", f"#{position}", "an entry of another network"))
            report.unverified += 1
        else:
            entries.append(verdict)
    return entries


def retry_parked() -> IngestReport:
    """Apply parked entries whose time has come, with nothing new to ingest."""
    report = IngestReport()
    with transaction.atomic():
        writer = LogWriter()
        if writer.has_parked:
            for outcome in writer.retry_due():
                report.add(outcome)
            writer.flush()
            if writer.forks_found:
                rebuild()
    return report


def ingest_entries(entries: list[Entry]) -> IngestReport:
    """Take entries verified in this process into the log, in batches of one transaction each.
    Entries from outside come through ingest_envelopes, which verifies them first."""
    if not entries:
        # A sync that brings nothing new is still the moment to apply what waited for its time.
        return retry_parked()
    report = IngestReport()
    for start in range(0, len(entries), BATCH):
        batch = entries[start : start + BATCH]
        with transaction.atomic():
            writer = LogWriter()
            writer.prefetch(batch)
            with registry.members_remembered():
                for outcome in writer.retry_due():
                    report.add(outcome)
                for entry in batch:
                    report.add(writer.accept(entry))
            writer.flush()
            if writer.forks_found:
                rebuild()
    return report


PIPELINE_MIN_BATCHES = 2


def ingest_envelopes(envelopes, *, net: str | None = None) -> IngestReport:
    """Verify and ingest envelopes: the one way into the log for entries from outside (sync
    pull and push, bundle import, `log import`). With `net`, entries of other networks are
    refused.

    A large ingest (two batches or more) shares its checks with a worker process (see
    commoning.log.verifier): the worker checks ahead while each batch is taken into the log
    here, and this process checks only what the worker has not reached when a batch is due.
    An entry is taken only once it passed every check.
    """
    envelopes = list(envelopes)
    if len(envelopes) < PIPELINE_MIN_BATCHES * BATCH:
        entries, report = verify_envelopes(envelopes, net=net)
        report.merge(ingest_entries(entries))
        return report
    report = IngestReport()
    with SharedChecks(envelopes) as checks:
        for offset, end in _pipeline_batches(len(envelopes)):
            entries = _taken(checks.verdicts(offset, end), offset, report, net)
            report.merge(ingest_entries(entries))
    return report


def _pipeline_batches(count: int) -> list[tuple[int, int]]:
    """(start, end) of each batch: BATCH at a time, but a short last batch.

    The worker has nothing left to check while the last batch goes in, so a short last batch
    keeps that idle stretch short.
    """
    tail = min(count, BATCH // 4)
    head = count - tail
    batches = [(start, min(start + BATCH, head)) for start in range(0, head, BATCH)]
    return [*batches, (head, count)] if tail else batches
