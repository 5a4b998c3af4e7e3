"""Log rows written straight into the table, by the thousand, for tests of what pages cost.

They are not signed: pages show stored entries without verifying them again, and these tests
measure pages, not ingest. Never use them where a rule or a projection is under test."""

import hashlib

from django.db.models import Max

from commoning.log.models import Entry

AUTHORS = ["a" * 64, "b" * 64, "c" * 64]
TYPES = ["work.contribution", "work.validation"]


def stored_rows(net: str, count: int) -> list[Entry]:
    """`count` more rows on three feeds, alternating two types, continuing any stored ones."""
    top = Entry.objects.aggregate(top=Max("apply_order"))["top"] or 0
    seqs = {
        author: Entry.objects.filter(net=net, author=author).aggregate(top=Max("seq"))["top"] or 0
        for author in AUTHORS
    }
    rows = []
    for number in range(count):
        order = top + number + 1
        author = AUTHORS[number % len(AUTHORS)]
        seqs[author] += 1
        rows.append(Entry(
            id=hashlib.sha256(f"{net}:{order}".encode()).hexdigest(), net=net, author=author,
            seq=seqs[author], ts=1_700_000_000_000 + order, type=TYPES[number % len(TYPES)],
            payload=b"{}", sigs="[]", status="applied", apply_order=order,
        ))
    Entry.objects.bulk_create(rows, batch_size=1000)
    return rows
