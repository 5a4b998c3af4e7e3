"""Keeping the search documents current: the indexer drains the queue the triggers fill.

`catch_up` runs before every search (a cheap look at the queue when nothing changed), after
`commoning rebuild` and after the demo is seeded. It reads the projections as they are now,
so it may run at any time, any number of times: the documents only depend on the projection
rows and the attachment bodies this node holds, never on the order changes were queued in.
"""

from collections import defaultdict

from django.db import connection, transaction

from commoning.search.models import SearchDocument, SearchPending
from commoning.search.registry import BODY, KINDS
from commoning.search.text import BODY_MAX, TITLE_MAX, clean

CHUNK = 500  # queued rows taken per transaction
LOCK_KEY = 0x5EA2C4  # PostgreSQL advisory lock: one indexer at a time (SQLite's lock does it)


def catch_up() -> int:
    """Make again the documents of every queued object; return how many objects that was."""
    if not SearchPending.objects.exists():
        return 0
    done = 0
    while True:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
            queued = list(
                SearchPending.objects.order_by("id").values_list("id", "kind", "object_id")[:CHUNK]
            )
            if not queued:
                return done
            done += reindex(_objects(queued))
            # By id, never by range: a row queued meanwhile (by a transaction that had not
            # committed when this one read the queue) stays for the next round.
            SearchPending.objects.filter(id__in=[row[0] for row in queued]).delete()


def _objects(queued) -> dict[str, set[str]]:
    objects: dict[str, set[str]] = defaultdict(set)
    for _row_id, kind, object_id in queued:
        objects[kind].add(object_id)
    hashes = sorted(objects.pop(BODY, ()))
    if hashes:
        for kind in KINDS.values():
            objects[kind.name].update(kind.objects_with_bodies(hashes))
    return objects


def reindex(objects: dict[str, set[str]]) -> int:
    """Replace the documents of these objects (kind -> ids) by new ones made from the
    projections; an object that no longer exists or may not be found loses its document."""
    count = 0
    for kind_name, ids in objects.items():
        kind = KINDS.get(kind_name)
        if kind is None or not ids:
            continue  # queued by the triggers of an app this node no longer runs
        ids = sorted(ids)
        documents = kind.documents(ids)
        SearchDocument.objects.filter(kind=kind_name, object_id__in=ids).delete()
        SearchDocument.objects.bulk_create(
            SearchDocument(
                net=document.net, kind=kind_name, object_id=document.object_id,
                commons_id=document.commons_id, member_id=document.member_id,
                title=clean(document.title, TITLE_MAX), body=clean(document.body, BODY_MAX),
                ts=document.ts,
            )
            for document in documents
        )
        count += len(ids)
    return count

