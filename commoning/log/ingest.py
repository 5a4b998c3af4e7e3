"""Ingest: entries from a peer, a bundle or a file enter the log through here.

Every envelope is parsed and verified (canonical bytes, shape, signatures) before any database
work; a refused envelope is reported with its reason and stores nothing. Verified entries are
then taken in one transaction by a LogWriter.
"""

from dataclasses import dataclass, field

from django.db import transaction

from commoning.core.entry import Entry, EntryError, parse_envelope, trusted_entry
from commoning.log import registry
from commoning.log.projection import rebuild
from commoning.log.verifier import EnvelopeWorker
from commoning.log.writer import LogWriter, Outcome

BATCH = 2000


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


PIPELINE_MIN_BATCHES = 2


def ingest_envelopes(envelopes) -> IngestReport:
    """Verify and ingest envelopes.

    A large ingest (two batches or more) runs as a pipeline: while batch k is taken into the
    log here, a worker process runs every check of parse_envelope on batch k+1 (see
    commoning.log.verifier). An entry is taken only once it passed them all.
    """
    envelopes = list(envelopes)
    batches = [envelopes[start : start + BATCH] for start in range(0, len(envelopes), BATCH)]
    if len(batches) < PIPELINE_MIN_BATCHES:
        entries, report = verify_envelopes(envelopes)
        report.merge(ingest_entries(entries))
        return report
    report = IngestReport()
    worker = EnvelopeWorker()
    try:
        worker.submit(batches[0])
        for number, batch in enumerate(batches):
            problems = worker.result()
            if number + 1 < len(batches):
                worker.submit(batches[number + 1])  # checked while this batch is applied below
            report.merge(ingest_entries(_accepted(batch, problems, number * BATCH, report)))
    finally:
        worker.close()
    return report


def _accepted(envelopes, problems, offset: int, report: IngestReport) -> list[Entry]:
    """The entries of the envelopes that passed every check; the others are refused."""
    entries = []
    for position, (envelope, problem) in enumerate(zip(envelopes, problems, strict=True), offset):
        if problem is None:
            entries.append(trusted_entry(envelope))
        else:
            report.add(Outcome("refused", f"#{position}", problem))
    return entries
