"""Ingest: entries from a peer, a bundle or a file enter the log through here.

Every envelope is parsed and verified (canonical bytes, shape, signatures) before any database
work; a refused envelope is reported with its reason and stores nothing. Verified entries are
then taken in one transaction by a LogWriter.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import transaction

from commoning.core.entry import (
    Entry,
    EntryError,
    parse_envelope,
    parse_envelope_unverified,
    verify_signatures,
)
from commoning.log import registry
from commoning.log.projection import rebuild
from commoning.log.writer import LogWriter, Outcome

BATCH = 1000


@dataclass
class IngestReport:
    """Counts by outcome, and the refusals with their reasons (for people and peers)."""

    counts: dict = field(default_factory=dict)
    refusals: list = field(default_factory=list)  # (position or id, reason)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] = self.counts.get(outcome.status, 0) + 1
        if outcome.status == "refused":
            self.refusals.append((outcome.id, outcome.reason))

    def merge(self, other: "IngestReport") -> None:
        for status, count in other.counts.items():
            self.counts[status] = self.counts.get(status, 0) + count
        self.refusals.extend(other.refusals)


def verify_envelopes(envelopes) -> tuple[list[Entry], IngestReport]:
    """Parse and verify envelopes; the refused ones go into the report, not the list."""
    report = IngestReport()
    entries = []
    for position, envelope in enumerate(envelopes):
        try:
            entries.append(parse_envelope(envelope))
        except EntryError as error:
            report.add(Outcome("refused", f"#{position}", str(error)))
    return entries, report


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
    """Take verified entries into the log, in batches of one transaction each."""
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


def ingest_envelopes(envelopes) -> IngestReport:
    """Verify and ingest envelopes, batch by batch.

    With more than one batch it runs as a pipeline: while batch k is taken into the log on
    this thread, batch k+1's signatures are checked on a second one. libsodium releases the
    GIL, so on two cores the signature arithmetic costs almost no wall time; the parsing and
    the database work, which hold the GIL, stay on this thread.
    """
    envelopes = list(envelopes)
    batches = [envelopes[start : start + BATCH] for start in range(0, len(envelopes), BATCH)]
    if len(batches) <= 1:
        entries, report = verify_envelopes(envelopes)
        report.merge(ingest_entries(entries))
        return report
    report = IngestReport()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="verify") as pool:
        waiting = None  # the previous batch, its signatures being checked
        for number, batch in enumerate(batches):
            parsed, refused = _parse_unverified(batch, offset=number * BATCH)
            report.merge(refused)
            checking = pool.submit(_check_signatures, parsed)
            if waiting is not None:
                _take(waiting.result(), report)
            waiting = checking
        _take(waiting.result(), report)
    return report


def _parse_unverified(envelopes, offset: int) -> tuple[list[Entry], IngestReport]:
    report = IngestReport()
    entries = []
    for position, envelope in enumerate(envelopes, start=offset):
        try:
            entries.append(parse_envelope_unverified(envelope))
        except EntryError as error:
            report.add(Outcome("refused", f"#{position}", str(error)))
    return entries, report


def _check_signatures(entries: list[Entry]) -> tuple[list[Entry], list[Outcome]]:
    """Runs on the verify thread: no database access here."""
    good, refused = [], []
    for entry in entries:
        try:
            verify_signatures(entry)
        except EntryError as error:
            refused.append(Outcome("refused", entry.id, str(error)))
        else:
            good.append(entry)
    return good, refused


def _take(checked, report: IngestReport) -> None:
    entries, refused = checked
    for outcome in refused:
        report.add(outcome)
    report.merge(ingest_entries(entries))
