"""Export and import of the log as JSON lines of envelopes (one entry per line)."""

import orjson

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
    report = IngestReport()
    batch = []
    for number, line in enumerate(handle, start=1):
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
