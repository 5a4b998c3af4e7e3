"""The one write path into the log: local append and ingest from peers, bundles and files.

A LogWriter lives for one database transaction. It checks each entry against the log (dedupe,
forks, chain continuity, deps present, time), runs the domain rule, applies it to projections,
stores it, and wakes any parked entries that were waiting for it. Facts about the chain that a
batch needs are fetched in bulk up front and kept in memory, so ingest costs a few queries per
batch rather than several per entry.
"""

import functools
from dataclasses import dataclass

import orjson
from django.db import connection, transaction
from django.utils import timezone

from commoning.core.entry import Entry
from commoning.log import clock, quarantine, registry
from commoning.log.judge import judge
from commoning.log.models import Entry as EntryRow
from commoning.log.models import EntryStatus, ForkProof, ParkedEntry, ParkedWait

LOCK_KEY = 0x636F6D6D  # PostgreSQL advisory lock taken by every log write transaction
CHUNK = 500
TAKEN = ("applied", "rejected", "cut")  # outcomes that store the entry in the log


@dataclass(frozen=True)
class Outcome:
    """What happened to one entry: applied, rejected, cut, parked, duplicate, fork, refused or
    quarantined (its author is not admitted: kept aside, outside the log)."""

    status: str
    id: str
    reason: str = ""


@dataclass
class ChainFact:
    id: str
    seq: int
    ts: int
    status: str


ENTRY_COLUMNS = (
    "id", "net", "author", "seq", "prev", "ts", "type", "payload", "sigs", "deps", "att_hash",
    "status", "reason", "apply_order", "received_at",
)


FACT_COLUMNS = ("id", "net", "author", "seq", "ts", "status")


@functools.cache
def _insert_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(EntryRow._meta.get_field(name).column) for name in ENTRY_COLUMNS)
    placeholders = ", ".join(["%s"] * len(ENTRY_COLUMNS))
    # Table and column names come from the model, never from input.
    return f"INSERT INTO {quote(EntryRow._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608


def _select_facts(where: str) -> str:
    """SELECT of FACT_COLUMNS with a WHERE clause over model fields named {like_this}.

    Plain SQL for the writer's hot look-ups: the ORM's query building cost more than the
    look-ups themselves. Names come from the model; values are always parameters.
    """
    quote = connection.ops.quote_name

    def column(name):
        return quote(EntryRow._meta.get_field(name).column)

    columns = ", ".join(column(name) for name in FACT_COLUMNS)
    condition = where.format(**{field.name: column(field.name)
                                for field in EntryRow._meta.concrete_fields})
    return f"SELECT {columns} FROM {quote(EntryRow._meta.db_table)} WHERE {condition}"  # noqa: S608


@functools.cache
def log_sql(template: str) -> str:
    """A statement with {entries}, {parked} and {forks} for the tables, and model fields of
    entries {like_this} for their columns: the write path's per-action look-ups, in plain SQL
    because building each through the ORM cost more than running it."""
    quote = connection.ops.quote_name
    columns = {field.name: quote(field.column) for field in EntryRow._meta.concrete_fields}
    return template.format(
        entries=quote(EntryRow._meta.db_table), parked=quote(ParkedEntry._meta.db_table),
        forks=quote(ForkProof._meta.db_table), **columns,
    )


@functools.cache
def log_sql_in(template: str, count: int) -> str:
    """log_sql of a template ending in `IN `, followed by a list of `count` placeholders."""
    # Names come from the models and the count from len(); values are always parameters.
    return log_sql(template) + "(" + ", ".join(["%s"] * count) + ")"


def fetch_one(template: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(log_sql(template), params)
        return cursor.fetchone()


@functools.cache
def _facts_by_id_sql(count: int) -> str:
    return _select_facts("{id} IN (" + ", ".join(["%s"] * count) + ")")


@functools.cache
def _facts_of_feed_sql() -> str:
    return _select_facts("{net} = %s AND {author} = %s AND {seq} >= %s AND {seq} <= %s")


def lock_log() -> None:
    """Serialise log writers. SQLite's IMMEDIATE transactions already do; PostgreSQL needs this."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def entry_from_row(row: EntryRow) -> Entry:
    """Rebuild a verified Entry from storage (it was verified when it was stored)."""
    payload_bytes = bytes(row.payload)
    sigs = tuple(tuple(pair) for pair in orjson.loads(row.sigs))
    return Entry(payload_bytes, orjson.loads(payload_bytes), row.id, sigs)


def _chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class LogWriter:
    """Accepts entries into the log inside the caller's transaction."""

    def __init__(self):
        assert transaction.get_connection().in_atomic_block, "LogWriter needs a transaction"
        lock_log()
        self.now = clock.now_ms()
        self.next_order = (fetch_one("SELECT MAX({apply_order}) FROM {entries}")[0] or 0) + 1
        self.chain: dict[str, ChainFact] = {}  # id -> fact, for entries known to be in the chain
        self.slots: dict[tuple, str] = {}  # (net, author, seq) -> id in the chain
        self.absent: set[str] = set()  # ids looked up and not in the chain
        self.feed_ranges: dict[tuple, list] = {}  # (net, author) -> [(low, high)] seqs loaded
        self.fork_seqs: dict[tuple, int] = {}
        self.loaded_fork_authors: set[tuple] = set()
        self.parked_ids: set[str] = set()
        self.has_parked = fetch_one("SELECT 1 FROM {parked} LIMIT 1") is not None
        self.awaited: set[str] | None = None  # ids parked entries wait for, loaded on first use
        self.pending_rows: list[tuple] = []  # rows of ENTRY_COLUMNS, less received_at
        self.forks_found = False
        self.held: set[tuple] | None = None  # (net, author) in quarantine, loaded on first use
        self.pending_holds: list[Entry] = []  # entries for the quarantine, not yet written
        self.held_now = False  # this writer put entries in quarantine (the cap is due)
        self.stored_now: dict[str, Entry] = {}  # entries taken and not yet flushed, by id

    # -- bulk look-ups -------------------------------------------------------------------------
    def prefetch(self, entries: list[Entry]) -> None:
        """Load, in a few queries, every chain fact the checks of these entries will ask for."""
        wanted = set()
        feeds: dict[tuple, tuple[int, int]] = {}
        for entry in entries:
            wanted.add(entry.id)
            wanted.update(entry.deps)
            if entry.net is not None:
                wanted.add(entry.net)
            key = (entry.network_id, entry.author)
            low, high = feeds.get(key, (entry.seq, entry.seq))
            feeds[key] = (min(low, entry.seq - 1), max(high, entry.seq))
        wanted -= set(self.chain)
        self.absent |= wanted
        # Plain SQL: the ORM's handling of long IN lists cost more than the look-up itself.
        with connection.cursor() as cursor:
            for chunk in _chunks(wanted):
                cursor.execute(_facts_by_id_sql(len(chunk)), chunk)
                for row in cursor.fetchall():
                    self._remember(*row)
        for (net, author), (low, high) in feeds.items():
            self._load_feed(net, author, low, high)
        if self.has_parked:
            for chunk in _chunks({entry.id for entry in entries}):
                self.parked_ids.update(
                    ParkedEntry.objects.filter(id__in=chunk).values_list("id", flat=True)
                )
        fork_authors = {(entry.network_id, entry.author) for entry in entries}
        self._load_forks(fork_authors - self.loaded_fork_authors)

    def _remember(self, id, net, author, seq, ts, status):
        self.absent.discard(id)
        self.chain[id] = ChainFact(id, seq, ts, status)
        self.slots[(net, author, seq)] = id

    def _load_feed(self, net, author, low, high):
        with connection.cursor() as cursor:
            cursor.execute(_facts_of_feed_sql(), [net, author, low, high])
            for row in cursor.fetchall():
                self._remember(*row)
        self.feed_ranges.setdefault((net, author), []).append((low, high))

    def _load_forks(self, authors):
        authors = set(authors)
        if not authors:
            return
        nets = sorted({net for net, _ in authors})
        with connection.cursor() as cursor:
            # Forks are rare: every proof of these networks, in one look-up.
            cursor.execute(
                log_sql_in("SELECT net, author, seq FROM {forks} WHERE net IN ", len(nets)), nets
            )
            proofs = cursor.fetchall()
        for net, author, seq in proofs:
            key = (net, author)
            self.fork_seqs[key] = min(seq, self.fork_seqs.get(key, seq))
        self.loaded_fork_authors |= {(net, author) for net, author in authors}
        self.loaded_fork_authors |= set(self.fork_seqs)

    def _fact(self, entry_id: str) -> ChainFact | None:
        fact = self.chain.get(entry_id)
        if fact is None and entry_id not in self.absent:
            row = EntryRow.objects.filter(id=entry_id).values_list(
                "id", "net", "author", "seq", "ts", "status"
            ).first()
            if row:
                self._remember(*row)
                fact = self.chain[entry_id]
            else:
                self.absent.add(entry_id)
        return fact

    def _slot(self, net, author, seq) -> str | None:
        key = (net, author, seq)
        loaded = self.feed_ranges.get((net, author), ())
        if key not in self.slots and not any(low <= seq <= high for low, high in loaded):
            self._load_feed(net, author, seq, seq)
        return self.slots.get(key)

    # -- the checks -----------------------------------------------------------------------------
    def accept(self, entry: Entry, *, local: bool = False) -> Outcome:
        """Take one verified entry into the log, or park, refuse or record it as a fork."""
        outcomes = self._accept_one(entry, local=local)
        # Waking parked or quarantined entries may cascade; a queue rather than recursion.
        queue = [entry] if outcomes.status in TAKEN else []
        while queue:
            arrived = queue.pop()
            woken_entries = self._wake(arrived.id) if self.has_parked else []
            for woken_entry in woken_entries + self._released_by(arrived):
                woken = self._accept_one(woken_entry, local=False)
                if woken.status in TAKEN:
                    queue.append(woken_entry)
        return outcomes

    def _accept_one(self, entry: Entry, *, local: bool) -> Outcome:
        net, author, seq = entry.network_id, entry.author, entry.seq
        if entry.id in self.chain or self._fact(entry.id) is not None:
            return Outcome("duplicate", entry.id, "already in the log")
        if entry.id in self.parked_ids:
            return Outcome("duplicate", entry.id, "already waiting in the log")
        if (net, author) not in self.loaded_fork_authors:
            self._load_forks({(net, author)})
        fork_seq = self.fork_seqs.get((net, author))
        if fork_seq is not None and seq > fork_seq:
            return Outcome("refused", entry.id, f"the author's key forked at seq {fork_seq}")

        existing_id = self._slot(net, author, seq)
        if existing_id is not None and existing_id != entry.id:
            self._record_fork(existing_id, entry)
            return Outcome("fork", entry.id, f"a second entry at seq {seq}: the key forked")

        if not self._admitted(entry):
            if local:
                return Outcome("refused", entry.id, "the author's key is not admitted")
            self._hold(entry)
            return Outcome("quarantined", entry.id, "the author is not an admitted member")

        missing = []
        if entry.net is not None and self._fact(entry.net) is None:
            missing.append(entry.net)
        prev_fact = None
        if seq > 1:
            prev_id = self._slot(net, author, seq - 1)
            if prev_id is None:
                missing.append(entry.prev)
            elif prev_id != entry.prev:
                return Outcome("refused", entry.id, "prev is not the author's entry at seq - 1")
            else:
                prev_fact = self.chain[prev_id]
        dep_facts = []
        for dep in entry.deps:
            fact = self._fact(dep)
            if fact is None:
                missing.append(dep)
            else:
                dep_facts.append(fact)
        if missing:
            if local:
                return Outcome("refused", entry.id, "refers to entries this node does not have")
            self._park(entry, missing, "waiting for " + ", ".join(m[:12] for m in missing))
            return Outcome("parked", entry.id, "waiting for earlier entries")
        if entry.ts > self.now + clock.FUTURE_TOLERANCE_MS:
            if local:
                return Outcome("refused", entry.id, "dated in the future")
            self._park(entry, [], "dated more than 10 minutes in the future")
            return Outcome("parked", entry.id, "dated in the future; waits for its time")

        if fork_seq is not None and seq >= fork_seq:
            # The first entry at a forked seq: neither branch may count, on any node.
            status, reason = EntryStatus.CUT, "at the seq where the author's key forked"
        else:
            status, reason = self._judge(entry, prev_fact, dep_facts, local)
        if status == EntryStatus.REJECTED and local:
            return Outcome("refused", entry.id, reason)
        if status == EntryStatus.APPLIED:
            registry.apply(entry)
        self._store(entry, status, reason)
        return Outcome(status, entry.id, reason)

    def _judge(self, entry, prev_fact, dep_facts, local) -> tuple[str, str]:
        relied_on = ([prev_fact] if prev_fact else []) + dep_facts
        # Checked present before judging: an entry whose network is missing was parked.
        net_fact = self.chain[entry.net] if entry.net is not None else None
        return judge(
            entry,
            prev_ts=prev_fact.ts if prev_fact else None,
            net_ts=net_fact.ts if net_fact else None,
            dep_timestamps=[fact.ts for fact in dep_facts],
            relied_on_statuses=[fact.status for fact in relied_on],
            raise_rejected=local,
        )

    # -- admission -------------------------------------------------------------------------------
    def _admitted(self, entry: Entry) -> bool:
        """Is the entry's feed one the log takes? A genesis; any entry on a feed whose first
        entry is stored; a first entry that the admission hooks let in. Decided by presence of
        stored entries only, so the set the log ends up with does not depend on arrival order.
        An entry of a network not here yet passes: it is parked for the genesis below."""
        if entry.net is None or self._fact(entry.net) is None:
            return True
        if entry.seq > 1:
            return self._slot(entry.network_id, entry.author, 1) is not None
        hooks = registry.admission()
        return hooks is None or hooks.first_entry_admitted(entry, self._stored_type_and_data)

    def _stored_type_and_data(self, entry_id: str):
        pending = self.stored_now.get(entry_id)
        if pending is not None:
            return pending.type, pending.data
        payload = EntryRow.objects.filter(id=entry_id).values_list("payload", flat=True).first()
        if payload is None:
            return None
        decoded = orjson.loads(bytes(payload))
        return decoded["type"], decoded["data"]

    def _held_authors(self) -> set[tuple]:
        if self.held is None:
            self.held = quarantine.held_authors()
        return self.held

    def _hold(self, entry: Entry) -> None:
        self.pending_holds.append(entry)
        self._held_authors().add((entry.network_id, entry.author))
        self.held_now = True

    def _write_holds(self) -> None:
        if self.pending_holds:
            quarantine.hold(self.pending_holds)
            self.pending_holds = []

    def _released_by(self, stored: Entry) -> list[Entry]:
        """Quarantined entries that may enter now that `stored` is in the log: the rest of
        its own feed (after its first entry), and the first entries of keys it admits."""
        net = stored.network_id
        keys = [stored.author] if stored.seq == 1 and stored.net is not None else []
        hooks = registry.admission()
        if hooks is not None:
            keys += hooks.keys_admitted_by(stored)
        released = []
        for key in keys:
            if (net, key) in self._held_authors():
                self._write_holds()
                self.held.discard((net, key))
                released += quarantine.release(net, key)
        return released

    # -- storage ---------------------------------------------------------------------------------
    def _store(self, entry: Entry, status: str, reason: str) -> None:
        net = entry.network_id
        att = entry.payload.get("att")
        self.pending_rows.append(
            (
                entry.id,
                net,
                entry.author,
                entry.seq,
                entry.prev,
                entry.ts,
                entry.type,
                entry.payload_bytes,
                orjson.dumps(entry.sigs).decode(),
                orjson.dumps(entry.deps).decode(),
                att["hash"] if att else None,
                str(status),
                reason,
                self.next_order,
            )
        )
        self.next_order += 1
        self._remember(entry.id, net, entry.author, entry.seq, entry.ts, status)
        self.stored_now[entry.id] = entry

    def flush(self) -> None:
        """Insert the entries taken so far. Plain executemany, not bulk_create: building a model
        instance per row and compiling the insert cost more than verifying the signature."""
        if self.held_now:
            self._write_holds()
            quarantine.enforce_cap()
            self.held = None  # the cap may have dropped some
            self.held_now = False
        if not self.pending_rows:
            return
        received_at = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            for chunk in _chunks(self.pending_rows):
                cursor.executemany(_insert_sql(), [(*row, received_at) for row in chunk])
        self.pending_rows = []
        self.stored_now = {}

    def _park(self, entry: Entry, missing: list, reason: str) -> None:
        parked = ParkedEntry.objects.create(
            id=entry.id,
            net=entry.network_id,
            author=entry.author,
            seq=entry.seq,
            ts=entry.ts,
            payload=entry.payload_bytes,
            sigs=orjson.dumps([list(pair) for pair in entry.sigs]).decode(),
            reason=reason,
        )
        ParkedWait.objects.bulk_create(
            [ParkedWait(parked=parked, missing_id=missing_id) for missing_id in set(missing)]
        )
        self.parked_ids.add(entry.id)
        self.has_parked = True
        if self.awaited is not None:
            self.awaited.update(missing)

    def _wake(self, arrived_id: str) -> list[Entry]:
        """Entries whose last missing predecessor just arrived, taken out of the parking lot."""
        if self.awaited is None:
            # One query instead of one per entry taken: only this writer adds waits meanwhile.
            self.awaited = set(ParkedWait.objects.values_list("missing_id", flat=True))
        if arrived_id not in self.awaited:
            return []
        self.awaited.discard(arrived_id)
        waiting = list(
            ParkedWait.objects.filter(missing_id=arrived_id).values_list("parked_id", flat=True)
        )
        if not waiting:
            return []
        ParkedWait.objects.filter(missing_id=arrived_id).delete()
        still_waiting = set(
            ParkedWait.objects.filter(parked_id__in=waiting).values_list("parked_id", flat=True)
        )
        ready = [pid for pid in waiting if pid not in still_waiting]
        return self._unpark(ready)

    def _unpark(self, ids) -> list[Entry]:
        woken = []
        for row in ParkedEntry.objects.filter(id__in=list(ids)).order_by("seq"):
            # Verified when it was parked, like a stored entry: no second signature check.
            payload_bytes = bytes(row.payload)
            sigs = tuple(tuple(pair) for pair in orjson.loads(row.sigs))
            woken.append(Entry(payload_bytes, orjson.loads(payload_bytes), row.id, sigs))
            self.parked_ids.discard(row.id)
        ParkedEntry.objects.filter(id__in=list(ids)).delete()
        return woken

    def retry_due(self) -> list[Outcome]:
        """Accept parked entries whose time has come (those parked only for being early)."""
        due = ParkedEntry.objects.filter(
            ts__lte=self.now + clock.FUTURE_TOLERANCE_MS, waits__isnull=True
        ).values_list("id", flat=True)
        outcomes = [self.accept(entry) for entry in self._unpark(list(due))]
        # Flushed here: the entries have left the parking lot, so a caller that forgot to flush
        # would lose them silently.
        self.flush()
        return outcomes

    # -- forks -----------------------------------------------------------------------------------
    def _record_fork(self, existing_id: str, second: Entry) -> None:
        self.flush()
        first_row = EntryRow.objects.get(id=existing_id)
        first = entry_from_row(first_row)
        ForkProof.objects.get_or_create(
            first_id=min(first.id, second.id),
            second_id=max(first.id, second.id),
            defaults={
                "net": second.network_id,
                "author": second.author,
                "seq": second.seq,
                "first_envelope": first.envelope_bytes() if first.id < second.id
                else second.envelope_bytes(),
                "second_envelope": second.envelope_bytes() if first.id < second.id
                else first.envelope_bytes(),
            },
        )
        key = (second.network_id, second.author)
        self.fork_seqs[key] = min(second.seq, self.fork_seqs.get(key, second.seq))
        self.forks_found = True
