"""Keeping the search documents current: the indexer drains the queue the triggers fill.

`catch_up` runs before every search (a cheap look at the queue when nothing changed; at most
SEARCH_ROUNDS chunks, so a search after a big sync answers in bounded time while the rest is
indexed by the searches that follow), after `commoning rebuild` and after the demo is seeded
(whole). It reads the projections as they are now,
so it may run at any time, any number of times: the documents only depend on the projection
rows and the attachment bodies this node holds, never on the order changes were queued in.
"""

import zlib
from collections import defaultdict

from django.db import connection, transaction

from commoning.search.models import SearchDocument, SearchPending
from commoning.search.registry import BODY, KINDS
from commoning.search.text import BODY_MAX, TITLE_MAX, clean, tag_token

CHUNK = 500  # queued rows taken per transaction
SEARCH_ROUNDS = 4  # chunks a search indexes before it answers
HASH_BITS = 20
TS_MAX = 2 ** (63 - HASH_BITS) - 1  # milliseconds: the year 2248
LOCK_KEY = 0x5EA2C4  # PostgreSQL advisory lock: one indexer at a time (SQLite's lock does it)


def catch_up(max_rounds: int | None = None) -> int:
    """Make again the documents of queued objects, all of them or `max_rounds` chunks of
    CHUNK; return how many objects that was."""
    if not SearchPending.objects.exists():
        return 0
    done, rounds = 0, 0
    while max_rounds is None or rounds < max_rounds:
        rounds += 1
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
    return done


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
        wanted = {document.object_id: document_id(document.ts, kind_name, document.object_id)
                  for document in documents}
        taken = set(SearchDocument.objects.filter(id__in=wanted.values()).values_list(
            "id", flat=True))
        rows = []
        for document in documents:
            doc_id = wanted[document.object_id]
            # Two objects of one millisecond and one hash (rare): the next free id.
            while doc_id in taken or (doc_id != wanted[document.object_id] and
                                      SearchDocument.objects.filter(id=doc_id).exists()):
                doc_id += 1
            taken.add(doc_id)
            rows.append(SearchDocument(
                id=doc_id, net=document.net, kind=kind_name, object_id=document.object_id,
                commons_id=document.commons_id, member_id=document.member_id,
                title=clean(document.title, TITLE_MAX), body=clean(document.body, BODY_MAX),
                ts=document.ts, tags=tags_of(document.net, kind_name, document.commons_id,
                                             document.member_id),
            ))
        SearchDocument.objects.bulk_create(rows)
        count += len(ids)
    return count



def document_id(ts: int, kind: str, object_id: str) -> int:
    """The time in the high bits, a hash of the object in the low ones: ordering by id is
    newest first, and the same object at the same time gets the same id on every node."""
    moment = min(max(ts, 0), TS_MAX)
    return (moment << HASH_BITS) | (zlib.crc32(f"{kind}:{object_id}".encode()) >> (32 - HASH_BITS))


def tags_of(net: str, kind: str, commons_id: str, member_id: str) -> str:
    values = [("n", net), ("k", kind), ("c", commons_id), ("m", member_id)]
    return " ".join(tag_token(prefix, value) for prefix, value in values if value)
