"""Ingest: entries from a peer, a bundle or a file enter the log through here.

Every envelope is parsed and verified (canonical bytes, shape, signatures) before any database
work; a refused envelope is reported with its reason and stores nothing. Verified entries are
then taken in one transaction by a LogWriter.
"""

import time
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


def verify_envelopes(envelopes, offset: int = 0) -> tuple[list[Entry], IngestReport]:
    """Parse and verify envelopes; the refused ones go into the report (numbered from
    `offset`), not the list."""
    report = IngestReport()
    entries = []
    for position, envelope in enumerate(envelopes, offset):
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


class CheckShare:
    """How much of the next batch the worker checks; this process checks the rest itself,
    after taking the current batch into the log.

    Checking costs more than taking an entry in, so a worker that checked every envelope
    would leave this process waiting. The share is set so both should finish together, from
    per-entry costs measured as the ingest goes: `apply` (taking in here), `check_here` and
    `check_there` (checking here and in the worker). With n entries and worker share x, this
    process spends n*apply + n*(1-x)*check_here and the worker n*x*check_there, which are
    equal at x = (apply + check_here) / (check_there + check_here).
    """

    def __init__(self):
        self.costs: dict[str, float] = {}  # seconds per entry of "apply", "here", "there"

    def worker_count(self, size: int) -> int:
        costs = self.costs
        here = costs.get("here", 1.0)
        there = costs.get("there", here)  # unmeasured: assume both sides check alike
        share = (costs.get("apply", 0.0) + here) / (there + here)
        return max(0, min(size, round(size * share)))

    def measured(self, **steps) -> None:
        """Record steps just done, as name=(seconds, entries) with name apply, here or there."""
        for name, (seconds, count) in steps.items():
            if count:
                cost = seconds / count
                previous = self.costs.get(name, cost)
                # Smoothed: one batch slowed by a busy machine should not swing the split.
                self.costs[name] = (previous + cost) / 2


def ingest_envelopes(envelopes) -> IngestReport:
    """Verify and ingest envelopes.

    A large ingest (two batches or more) runs as a pipeline: while batch k is taken into the
    log here, a worker process runs every check of parse_envelope on most of batch k+1 (see
    commoning.log.verifier), and this process checks the rest once batch k is in (see
    CheckShare). An entry is taken only once it passed every check.
    """
    envelopes = list(envelopes)
    batches = _pipeline_batches(envelopes)
    if len(envelopes) < PIPELINE_MIN_BATCHES * BATCH:
        entries, report = verify_envelopes(envelopes)
        report.merge(ingest_entries(entries))
        return report
    report = IngestReport()
    worker = EnvelopeWorker()
    share = CheckShare()
    try:
        split = share.worker_count(len(batches[0][1]))
        worker.submit(batches[0][1][:split])
        own = _checked_here(batches[0][1][split:], split, share)
        for number, (offset, batch) in enumerate(batches):
            problems = worker.result()
            share.measured(there=(worker.seconds, len(problems)))
            started = time.perf_counter()
            theirs = _accepted(batch[:split], problems, offset)
            if number + 1 < len(batches):
                following_offset, following = batches[number + 1]
                split = share.worker_count(len(following))
                worker.submit(following[:split])  # checked there while this batch goes in
            report.merge(theirs[1])
            report.merge(own[1])
            entries = theirs[0] + own[0]
            report.merge(ingest_entries(entries))
            share.measured(apply=(time.perf_counter() - started, len(entries)))
            if number + 1 < len(batches):
                own = _checked_here(following[split:], following_offset + split, share)
    finally:
        worker.close()
    return report


def _pipeline_batches(envelopes: list) -> list[tuple[int, list]]:
    """(offset, envelopes) of each batch: BATCH at a time, but a short last batch.

    The worker has nothing to check while the last batch goes in, so a short last batch keeps
    that idle stretch short.
    """
    tail = min(len(envelopes), BATCH // 4)
    head = len(envelopes) - tail
    batches = [
        (start, envelopes[start : min(start + BATCH, head)]) for start in range(0, head, BATCH)
    ]
    return [*batches, (head, envelopes[head:])] if tail else batches


def _checked_here(envelopes, offset: int, share: CheckShare) -> tuple[list, IngestReport]:
    """(entries, refusals) of envelopes checked in this process, timed for the share."""
    started = time.perf_counter()
    checked = verify_envelopes(envelopes, offset)
    share.measured(here=(time.perf_counter() - started, len(envelopes)))
    return checked


def _accepted(envelopes, problems, offset: int) -> tuple[list, IngestReport]:
    """(entries, refusals): the entries of the envelopes that passed every check in the
    worker, and the refusals of the others."""
    entries, refusals = [], IngestReport()
    for position, (envelope, problem) in enumerate(zip(envelopes, problems, strict=True), offset):
        if problem is None:
            entries.append(trusted_entry(envelope))
        else:
            refusals.add(Outcome("refused", f"#{position}", problem))
    return entries, refusals
