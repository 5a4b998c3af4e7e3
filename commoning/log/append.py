"""Local append: a member (or the node) acts, and one signed entry is added to the log.

In one transaction: build the payload on the author's feed head, sign it, run the same checks
as ingest, apply it and store it. If the domain rule refuses it, nothing is stored and the
caller gets the reason (actions turn it into a 4xx).
"""

import orjson
from django.db import connection, transaction

from commoning.core import entry as entry_format
from commoning.core.entry import Entry, sha256_hex
from commoning.core.signing import SigningKey
from commoning.log import clock
from commoning.log.models import Attachment, EntryStatus
from commoning.log.models import Entry as EntryRow
from commoning.log.registry import Rejected
from commoning.log.writer import LogWriter, fetch_one, lock_log, log_sql_in


def store_attachment(body: bytes, media_type: str = "text/plain; charset=utf-8") -> dict:
    """Keep a detached body; return the {hash, size} an entry's `att` field names."""
    digest = sha256_hex(body)
    # One INSERT ... ON CONFLICT DO NOTHING: a body is named by its hash, so one already kept
    # is the same body (get_or_create cost a look-up and a savepoint around the insert).
    Attachment.objects.bulk_create(
        [Attachment(hash=digest, size=len(body), body=body, media_type=media_type)],
        ignore_conflicts=True,
    )
    return {"hash": digest, "size": len(body)}


def feed_head(net: str, author: str):
    """(seq, id, ts) of the author's last entry in the network, or None."""
    head = fetch_one(
        "SELECT {seq}, {id}, {ts} FROM {entries} WHERE {net} = %s AND {author} = %s "
        "ORDER BY {seq} DESC LIMIT 1",
        [net, author],
    )
    return tuple(head) if head is not None else None


def latest_anchor_ts(net: str | None, deps) -> int:
    """The latest ts among the deps and the network's genesis (0 if none is here)."""
    anchors = [*deps, net] if net is not None else list(deps)
    if not anchors:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            log_sql_in("SELECT MAX({ts}) FROM {entries} WHERE {id} IN ", len(anchors)), anchors
        )
        return cursor.fetchone()[0] or 0


def append(
    key: SigningKey,
    *,
    net: str | None,
    type: str,
    data: dict,
    deps=(),
    attachment: bytes | None = None,
    media_type: str = "text/plain; charset=utf-8",
    cosigners=(),
) -> Entry:
    """Sign and add one entry by `key`; raise Rejected (nothing stored) if a rule refuses it."""
    with transaction.atomic():
        lock_log()
        head = feed_head(net, key.public_hex) if net is not None else None
        # Strictly after the previous entry: records are last-writer-wins by (ts, author, id),
        # so two edits in one millisecond would otherwise be ordered by id, not by seq.
        seq, prev, min_ts = (head[0] + 1, head[1], head[2] + 1) if head else (1, None, 0)
        # Never earlier than what it relies on (the log refuses that): a node whose clock is
        # slow dates the entry at its latest dep or genesis instead of being refused.
        min_ts = max(min_ts, latest_anchor_ts(net, deps))
        att = store_attachment(attachment, media_type) if attachment is not None else None
        try:
            entry = entry_format.build(
                key,
                net=net,
                seq=seq,
                prev=prev,
                ts=max(clock.now_ms(), min_ts),
                type=type,
                data=data,
                deps=deps,
                att=att,
                cosigners=cosigners,
            )
        except entry_format.EntryError as error:
            raise Rejected(str(error)) from error
        writer = LogWriter()
        writer.prefetch([entry])  # three look-ups instead of one query per check
        outcome = writer.accept(entry, local=True)
        if outcome.status != "applied":
            # Raising inside the transaction rolls back anything written (the attachment too).
            raise Rejected(outcome.reason)
        writer.flush()
    return entry


def attachment_bytes(att_hash: str | None) -> bytes | None:
    """The body of an attachment, or None if it is not here (not yet fetched, or erased)."""
    if not att_hash:
        return None
    body = (
        Attachment.objects.filter(hash=att_hash, erased=False)
        .values_list("body", flat=True)
        .first()
    )
    return bytes(body) if body is not None else None


def text_of(body: bytes) -> str:
    """Bytes shown as text: an attachment comes from whoever wrote the entry, so it may be any
    bytes at all. What is not UTF-8 shows as U+FFFD instead of breaking the page."""
    return body.decode("utf-8", errors="replace")


def attachment_text(att_hash: str | None) -> str | None:
    """The text of an attachment, or None if it is not here (not yet fetched, or erased).
    Never raises on bytes that are not UTF-8 (see text_of)."""
    body = attachment_bytes(att_hash)
    return text_of(body) if body is not None else None


def keep_attachments(items) -> int:
    """Store the bodies (with .hash, .body, .media_type; hash already checked) that an applied
    entry names, and drop the rest: the bodies of refused and rejected entries and bodies
    nobody names, so a peer cannot fill this node's disk (or, through it, other nodes') with
    them. Called after the entries of a stream are taken, since bodies travel after the
    entries that name them. Returns how many were kept."""
    hashes = {item.hash for item in items}
    if not hashes:
        return 0
    named = set(
        EntryRow.objects.filter(att_hash__in=hashes, status=EntryStatus.APPLIED)
        .values_list("att_hash", flat=True)
    )
    kept = 0
    for item in items:
        if item.hash in named:
            store_attachment(item.body, item.media_type)
            kept += 1
    return kept


def envelope_json(entry: Entry) -> str:
    return orjson.dumps(entry.envelope()).decode()
