"""The state hash: a digest of every projection and of entry outcomes, and its cache.

`state_hash` streams each projection's rows from the database and sorts them outside memory
(runs of at most RUN_ROWS rows are sorted and spilled to temporary files, then merged), so a
node with a million contributions digests them in bounded memory and prints the same digest
the in-memory sort printed (the format is unchanged: nodes of either version agree).

The public endpoint never waits for a computation: `latest` answers the last digest stored
and the log position it describes (highest apply order, fork proofs, rebuilds), saying
whether that is still the current position; `refresh` computes a new one, at most one at a
time per node (a file lock in the node's home, so workers in several processes share it).
"""

import contextlib
import fcntl
import hashlib
import heapq
import logging
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import orjson
from django.conf import settings
from django.db import close_old_connections, connection, models

from commoning.log import registry
from commoning.log.models import Entry as EntryRow
from commoning.log.models import EntryStatus, ForkProof, NodeSetting, StateHashCache

RUN_ROWS = 10_000  # rows sorted in memory at once (a few MiB); the rest wait in files
MAX_RUNS = 64  # open run files at most; past it they are merged into one (file handles)
FETCH_ROWS = 2_000  # rows fetched from the database at once
REBUILDS = "rebuilds"  # node setting: how many rebuilds ran (they may change outcomes)
LOCK_FILE = "state-hash.lock"

logger = logging.getLogger(__name__)


# -- the digest --------------------------------------------------------------------------------
class _ExternalSort:
    """Sorted byte strings in bounded memory: runs sorted in memory, spilled, merged.

    Lines never hold b"\\n" (JSON from orjson escapes it; ids are hex), so it separates them.
    """

    def __init__(self, stack: contextlib.ExitStack, run_rows: int):
        self.stack, self.run_rows = stack, run_rows
        self.buffer: list[bytes] = []
        self.runs: list = []
        self.count = 0

    def add(self, line: bytes) -> None:
        self.buffer.append(line)
        self.count += 1
        if len(self.buffer) >= self.run_rows:
            self._spill()

    def _new_run(self, lines: Iterable[bytes]):
        # Closed (and so deleted) by the ExitStack once the merge is read.
        run = self.stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        run.writelines(line + b"\n" for line in lines)
        run.seek(0)
        return run

    def _spill(self) -> None:
        self.buffer.sort()
        self.runs.append(self._new_run(self.buffer))
        self.buffer = []
        if len(self.runs) >= MAX_RUNS:
            # Millions of rows make hundreds of runs: merge them into one, so the files open
            # at once stay few (each merge reads what is stored once more).
            merged = self._new_run(self._merged())
            for run in self.runs:
                run.close()
            self.runs = [merged]

    def _merged(self) -> Iterator[bytes]:
        return heapq.merge(*[(line[:-1] for line in run) for run in self.runs])

    def lines(self) -> Iterator[bytes]:
        if not self.runs:
            self.buffer.sort()
            return iter(self.buffer)
        if self.buffer:
            self._spill()
        return self._merged()


def _jsonable(value):
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _digest_sorted(digest, label: bytes, lines: Iterable[bytes], run_rows: int, end: bytes):
    with contextlib.ExitStack() as stack:
        sorter = _ExternalSort(stack, run_rows)
        for line in lines:
            sorter.add(line)
        digest.update(label + b"\x00" + str(sorter.count).encode() + b"\x00")
        for line in sorter.lines():
            digest.update(line + end)


def _projection_rows(model, net: str | None) -> Iterator[bytes]:
    # Surrogate auto-increment keys depend on arrival order, so they are left out.
    fields = [
        field.attname
        for field in model._meta.concrete_fields
        if not isinstance(field, models.AutoField | models.BigAutoField)
    ]
    queryset = model.objects.order_by()
    # A projection names its network in `net`, unless it says otherwise (Network: its id).
    net_field = getattr(model, "STATE_HASH_NET_FIELD", "net")
    if net is not None and net_field in fields:
        queryset = queryset.filter(**{net_field: net})
    for row in queryset.values_list(*fields).iterator(chunk_size=FETCH_ROWS):
        yield orjson.dumps([_jsonable(value) for value in row], option=orjson.OPT_SORT_KEYS)


def _outcome_lines(net: str | None) -> Iterator[bytes]:
    # Cut entries are left out: a node may hold some that another refused outright after
    # seeing the fork.
    outcomes = EntryRow.objects.order_by().filter(
        status__in=[EntryStatus.APPLIED, EntryStatus.REJECTED]
    )
    if net is not None:
        outcomes = outcomes.filter(net=net)
    for entry_id, status in outcomes.values_list("id", "status").iterator(chunk_size=FETCH_ROWS):
        # Ids have one length, so these lines sort as the (id, status) pairs they spell.
        yield f"{entry_id}:{status}".encode()


def state_hash(net: str | None = None, *, run_rows: int | None = None) -> str:
    """A digest of all projections (optionally of one network) and of entry outcomes."""
    run_rows = run_rows or RUN_ROWS
    digest = hashlib.sha256(b"commoning/state/v1\x00")
    for model in sorted(registry.PROJECTIONS, key=lambda m: m._meta.label):
        label = model._meta.label.encode()
        _digest_sorted(digest, label, _projection_rows(model, net), run_rows, b"\n")
    # Which entries count, and which a rule refused, is part of the shared state too.
    _digest_sorted(digest, b"entries", _outcome_lines(net), run_rows, b"\n")
    return digest.hexdigest()


# -- the cache the endpoint answers from ---------------------------------------------------------
@dataclass(frozen=True)
class Position:
    """Where the log stands: what a digest describes. Each part only ever grows."""

    apply_order: int
    fork_proofs: int
    rebuilds: int


@dataclass(frozen=True)
class Answer:
    state_hash: str | None  # None until a first digest was computed
    position: int  # the highest apply order the digest describes
    fresh: bool  # the log has not moved since


def current_position() -> Position:
    """Three index look-ups: the top apply order, the fork proofs (a handful), the rebuilds."""
    top = EntryRow.objects.order_by("-apply_order").values_list("apply_order", flat=True).first()
    rebuilds = NodeSetting.objects.filter(key=REBUILDS).values_list("value", flat=True).first()
    return Position(top or 0, ForkProof.objects.count(), int(rebuilds or 0))


def note_rebuild() -> None:
    """Called by rebuild, inside its transaction: stored digests no longer describe the log."""
    setting, _created = NodeSetting.objects.get_or_create(key=REBUILDS, defaults={"value": "0"})
    setting.value = str(int(setting.value) + 1)
    setting.save(update_fields=["value"])


def latest(net: str | None = None) -> Answer:
    """The last digest stored and whether the log is still where it was: no computation."""
    row = StateHashCache.objects.filter(scope=net or "").first()
    if row is None:
        return Answer(None, 0, False)
    stored = Position(row.apply_order, row.fork_proofs, row.rebuilds)
    return Answer(row.digest, row.apply_order, stored == current_position())


@contextlib.contextmanager
def computing_lock():
    """Yields True to the one caller on this node that may compute now, False to the others
    (who must not wait: the lock is held for as long as a digest takes)."""
    path = settings.COMMONING_HOME / LOCK_FILE
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def refresh(net: str | None = None) -> str | None:
    """Compute the digest for the log as it stands and store it; None if another computation
    is running on this node. The position is read before the rows: if the log moves meanwhile,
    the digest is stored under the older position, so it is never taken for fresh."""
    with computing_lock() as mine:
        if not mine:
            return None
        position = current_position()
        digest = state_hash(net)
        StateHashCache.objects.update_or_create(
            scope=net or "",
            defaults={
                "apply_order": position.apply_order,
                "fork_proofs": position.fork_proofs,
                "rebuilds": position.rebuilds,
                "digest": digest,
            },
        )
        return digest


def cached_state_hash(net: str | None = None) -> str:
    """The digest of the log as it stands, computed only if the stored one is stale (waits for
    the computation: for callers that need the answer now, not the public endpoint)."""
    answer = latest(net)
    if answer.fresh:
        return answer.state_hash
    return refresh(net) or state_hash(net)


def refresh_in_background(net: str | None = None) -> None:
    """Start a computation in a thread and return at once; one that is already running (here
    or in another process) makes the thread end without computing."""
    if connection.in_atomic_block:
        # Inside a test's (or an action's) transaction a thread could not see uncommitted rows.
        refresh(net)
        return
    # One thread per process at most, so a burst of stale asks does not start a thread each;
    # the file lock then keeps it to one computation per node.
    if not _background_thread.acquire(blocking=False):
        return
    try:
        threading.Thread(target=_refresh_and_close, args=(net,), daemon=True).start()
    except RuntimeError:  # no thread could be started: the next ask tries again
        _background_thread.release()


_background_thread = threading.Lock()  # held while this process's background thread runs


def _refresh_and_close(net: str | None) -> None:
    try:
        refresh(net)
    except Exception:  # a background thread has no caller to tell; the next ask retries
        logger.exception("state hash: background computation failed")
    finally:
        close_old_connections()
        connection.close()
        _background_thread.release()
