"""What `commoning doctor` reports, so an operator sees an attack: the quarantine, what each
source sent for authors who are not admitted, the frontier's size and the disk in use; and
whether the counts pages show (kept by triggers) still equal real counts.

The doctor may count over the log: it is run by an operator, not per request."""

import os
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from django.apps import apps
from django.conf import settings
from django.db import connection

from commoning.log import counters, quarantine
from commoning.log.models import Entry, ForkProof, ParkedEntry, RefusalTally
from commoning.log.projection import reprojection_due

TOP_SOURCES = 20


@dataclass
class Report:
    net: str
    entries: int
    parked: int
    fork_proofs: int
    reprojection_due: bool
    quarantined: int
    quarantined_bytes: int
    quarantine_limits: tuple[int, int]
    frontier_authors: int
    frontier_bytes: int
    database_bytes: int
    home_bytes: int
    refusals: list = field(default_factory=list)  # (source, entries, fork proofs), most first
    # name -> (kept, real) for each kept count that differs from a real COUNT
    counter_drift: dict = field(default_factory=dict)


def counter_drift(net: str) -> dict[str, tuple[int, int]]:
    kept = counters.counts(net)
    drift = {}
    for name, label in counters.COUNTED.items():
        real = apps.get_model(label).objects.filter(net=net).count()
        if kept[name] != real:
            drift[name] = (kept[name], real)
    return drift


def _tree_bytes(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += (Path(root) / name).stat().st_size
            except OSError:  # a file removed while we walk (a WAL checkpoint)
                continue
    return total


def database_bytes() -> int:
    """The database's size as the database itself reports it (a SQLite WAL not counted)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


def report(net: str) -> Report:
    from commoning.sync.local import signed_local_frontier

    signed = signed_local_frontier(net)
    quarantined, quarantined_bytes = quarantine.size()
    refusals = list(
        RefusalTally.objects.order_by("-entries", "-fork_proofs")
        .values_list("source", "entries", "fork_proofs")[:TOP_SOURCES]
    )
    return Report(
        net=net,
        entries=Entry.objects.filter(net=net).count(),
        parked=ParkedEntry.objects.filter(net=net).count(),
        fork_proofs=ForkProof.objects.filter(net=net).count(),
        reprojection_due=reprojection_due(),
        quarantined=quarantined,
        quarantined_bytes=quarantined_bytes,
        quarantine_limits=quarantine.limits(),
        frontier_authors=len(orjson.loads(signed["frontier"])["heads"]),
        frontier_bytes=len(orjson.dumps({"frontier": signed})),
        database_bytes=database_bytes(),
        home_bytes=_tree_bytes(settings.COMMONING_HOME),
        refusals=refusals,
        counter_drift=counter_drift(net),
    )
