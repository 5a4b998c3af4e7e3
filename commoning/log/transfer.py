"""Export and import of the log as JSON lines of envelopes (one entry per line).

Import reads the file in bounded lines and hands envelopes to the log's one checked ingest,
the same way in as sync and bundles."""

import sys

import orjson

from commoning.core import bounded
from commoning.log.ingest import IngestReport, ingest_envelopes
from commoning.log.models import Entry
from commoning.log.writer import Outcome

IMPORT_BATCH = 20_000  # envelopes held in memory at once; a pipeline of 1,000-entry batches


def export_lines(handle) -> int:
    """Write every entry in apply order (which respects causal order); return the count."""
    count = 0
    rows = Entry.objects.order_by("apply_order").values_list("payload", "sigs")
    for payload, sigs in rows.iterator(chunk_size=2000):
        envelope = {"payload": bytes(payload).decode(), "sigs": orjson.loads(sigs)}
        handle.write(orjson.dumps(envelope) + b"\n")
        count += 1
    return count


def import_lines(handle) -> IngestReport:
    """Ingest a file of envelope lines: any length of file, but each line within the entry
    limit (a longer one is refused without being held) and IMPORT_BATCH in memory at once."""
    report = IngestReport()
    batch = []
    # An operator's own file may hold a whole history: no total bound, only per line.
    for number, line in enumerate(bounded.lines(handle.read, max_total=sys.maxsize), start=1):
        if isinstance(line, bounded.LongLine):
            report.add(Outcome("refused", f"line {number}", f"too long ({line.size} bytes)"))
            continue
        line = line.strip()
        if not line:
            continue
        try:
            batch.append(orjson.loads(line))
        except orjson.JSONDecodeError as error:
            report.add(Outcome("refused", f"line {number}", f"not JSON: {error}"))
            continue
        if len(batch) >= IMPORT_BATCH:
            report.merge(ingest_envelopes(batch))
            batch = []
    if batch:
        report.merge(ingest_envelopes(batch))
    return report
