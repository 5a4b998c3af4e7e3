"""Reads of this node's own log for sync: its frontier, and the lines of what a peer misses.

Everything here reads by index and streams in pages, so a sync's cost follows what is new
rather than the length of the history, and memory stays bounded on large answers.
"""

import orjson
from django.db import connection
from django.db.models import Q

from commoning.accounts.keystore import node_key
from commoning.core import limits
from commoning.core.bundle_format import att_line, entry_line, fork_line
from commoning.core.frontier import FeedRange, Frontier, fork_key, sign_frontier
from commoning.log import clock
from commoning.log.models import Attachment, ForkProof
from commoning.log.models import Entry as EntryRow

PAGE_ENTRIES = 2000
ATTS_PER_FLUSH = 8
FEW_RANGES = 40  # up to this many ranges are fetched by index; more, by one scan of the net


def _heads(net: str) -> dict:
    """author -> (last seq, id), by a loose index scan: one index probe per author, so the
    cost follows the number of authors, not the number of entries."""
    table = connection.ops.quote_name(EntryRow._meta.db_table)
    sql = f"""
        WITH RECURSIVE authors(author) AS (
            SELECT MIN(author) FROM {table} WHERE net = %s
            UNION ALL
            SELECT (SELECT MIN(author) FROM {table} WHERE net = %s AND author > authors.author)
            FROM authors WHERE authors.author IS NOT NULL
        )
        SELECT authors.author,
            (SELECT seq FROM {table} WHERE net = %s AND author = authors.author
             ORDER BY seq DESC LIMIT 1),
            (SELECT id FROM {table} WHERE net = %s AND author = authors.author
             ORDER BY seq DESC LIMIT 1)
        FROM authors WHERE authors.author IS NOT NULL
    """  # noqa: S608  (the table name is ours; values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [net, net, net, net])
        return {author: (seq, entry_id) for author, seq, entry_id in cursor.fetchall()}


def _forks(net: str) -> tuple[frozenset, dict]:
    keys, forked = set(), {}
    for author, seq, first_id, second_id in ForkProof.objects.filter(net=net).values_list(
        "author", "seq", "first_id", "second_id"
    ):
        keys.add(fork_key(first_id, second_id))
        forked[author] = min(seq, forked.get(author, seq))
    return frozenset(keys), forked


def local_frontier(net: str) -> Frontier:
    forks, forked = _forks(net)
    return Frontier(net, _heads(net), forks, forked)


def signed_local_frontier(net: str) -> dict:
    return sign_frontier(node_key(), local_frontier(net), clock.now_ms())


def id_at(net: str):
    def lookup(author: str, seq: int):
        return EntryRow.objects.filter(net=net, author=author, seq=seq).values_list(
            "id", flat=True
        ).first()

    return lookup


def fork_lines(net: str, skip_keys=frozenset()):
    """Fork proofs the other side lacks, as lines (they travel before any entry)."""
    for first_id, second_id, first_env, second_env in ForkProof.objects.filter(
        net=net
    ).values_list("first_id", "second_id", "first_envelope", "second_envelope"):
        if fork_key(first_id, second_id) not in skip_keys:
            yield fork_line(bytes(first_env), bytes(second_env))


def _envelope_bytes(payload, sigs) -> bytes:
    return orjson.dumps({"payload": bytes(payload).decode("utf-8"), "sigs": orjson.loads(sigs)})


def entry_rows(net: str, ranges: list[FeedRange], *, after: int = 0, limit: int | None = None):
    """(apply_order, envelope bytes, att_hash) of the entries in `ranges`, in this node's apply
    order (a causal order that keeps each feed in seq order), from apply_order `after` on."""
    if not ranges:
        return
    fields = ("apply_order", "author", "seq", "payload", "sigs", "att_hash", "status")
    if len(ranges) <= FEW_RANGES:
        # Every condition inside each branch, so the database probes the feed index once per
        # range instead of scanning the whole network.
        condition = Q()
        for feed_range in ranges:
            condition |= Q(net=net, author=feed_range.author, seq__gte=feed_range.first_seq,
                           seq__lte=feed_range.last_seq, apply_order__gt=after)
        queryset = EntryRow.objects.filter(condition)
        wanted = None
    else:
        queryset = EntryRow.objects.filter(net=net, apply_order__gt=after)
        wanted = {r.author: (r.first_seq, r.last_seq) for r in ranges}
    sent = 0
    rows = queryset.order_by("apply_order").values_list(*fields).iterator(chunk_size=1000)
    for order, author, seq, payload, sigs, att_hash, status in rows:
        if wanted is not None:
            low, high = wanted.get(author, (1, 0))
            if not low <= seq <= high:
                continue
        # Only an applied entry's body travels: a rejected entry's is not spread to peers.
        yield order, _envelope_bytes(payload, sigs), att_hash if status == "applied" else None
        sent += 1
        if limit is not None and sent >= limit:
            return


def att_lines(hashes) -> list[bytes]:
    """Lines for the attachment bodies this node holds (erased ones stay behind)."""
    hashes = sorted(set(h for h in hashes if h))
    lines = []
    for start in range(0, len(hashes), 500):
        for att_hash, body, media_type in Attachment.objects.filter(
            hash__in=hashes[start : start + 500], erased=False, body__isnull=False
        ).values_list("hash", "body", "media_type"):
            lines.append(att_line(att_hash, bytes(body), media_type))
    return lines


def entry_page_lines(net: str, ranges, *, after: int = 0, limit: int = PAGE_ENTRIES,
                     max_bytes: int | None = None):
    """Yield entry lines with the attachments they name, then return via StopIteration the
    last apply order sent (None when the page held everything). A page ends after `limit`
    entries or once about `max_bytes` went out, so it stays within the receiver's bounds
    however large the bodies are (commoning.core.limits)."""
    last_order, count, pending_atts, sent = after, 0, [], 0
    max_bytes = limits.PAGE_BYTES if max_bytes is None else max_bytes
    full = False
    for order, envelope, att_hash in entry_rows(net, ranges, after=after, limit=limit):
        line = entry_line(envelope)
        yield line
        sent += len(line)
        last_order, count = order, count + 1
        if att_hash:
            pending_atts.append(att_hash)
        # Bodies go out a few at a time, so the page's size is known before it grows large.
        if len(pending_atts) >= ATTS_PER_FLUSH:
            for att in att_lines(pending_atts):
                yield att
                sent += len(att)
            pending_atts = []
        if sent >= max_bytes:
            full = True
            break
    yield from att_lines(pending_atts)
    return (last_order if count >= limit or full else None), count


def heads_json(heads: dict) -> str:
    return orjson.dumps({a: [s, i] for a, (s, i) in sorted(heads.items())}).decode()


def heads_from_json(text: str) -> dict:
    try:
        value = orjson.loads(text or "{}")
    except orjson.JSONDecodeError:
        return {}
    return {a: (h[0], h[1]) for a, h in value.items()}

