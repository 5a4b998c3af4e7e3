"""Group commit: the actions that threads of one process start at the same time share one write
transaction, so the log's write lock is taken and released once for all of them.

A leader/follower queue, with no thread of its own. An action is queued; if no thread is
leading, the caller leads: it takes the queued actions (its own first, at most GROUP_MAX), opens
one transaction (`BEGIN IMMEDIATE` on SQLite, the advisory lock on PostgreSQL), runs each in its
own savepoint in queue order, commits once, and only then answers every caller of the group.
An action that raises rolls back its savepoint only; its caller gets its error, the others their
results. If the commit fails (or the leader dies mid-group), nothing of the group is stored and
every caller gets an error: nobody is answered before the commit that holds their entries.
Then the first action queued meanwhile leads the next group, from its own thread.

Order rules (feed seq and prev, ts never before the previous entry) hold as before: the actions
of a group append one after another under the one lock, each reading the log as the earlier
ones left it. Actions calling actions, and actions called inside a transaction, run there as
savepoints (atomic.py), never through the queue.

Across processes: each process groups its own threads' actions; the groups of several processes
queue on the database's write lock (SQLite's busy timeout, PostgreSQL's advisory lock), as
single actions did before.
"""

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import translation

from commoning.log.writer import lock_log

# Actions per group at most: bounds how long one commit keeps the first caller of a group waiting.
GROUP_MAX = 64


class GroupCommitFailed(Exception):
    """The transaction shared by a group did not commit: this action's entries were not stored."""


@dataclass(eq=False)
class _Queued:
    run: Callable[[], Any]
    language: str | None  # the caller's, for messages built while the leader runs it
    woken: threading.Event = field(default_factory=threading.Event)  # answered, or told to lead
    answered: bool = False
    result: Any = None
    error: BaseException | None = None


class GroupCommit:
    """One per process (`writers`): its threads queue their actions here."""

    def __init__(self, group_max: int = GROUP_MAX):
        self.group_max = group_max
        self.lock = threading.Lock()
        self.queue: deque[_Queued] = deque()
        self.leading = False  # a thread is running a group; while queue is non-empty, always
        self.groups_run = 0  # committed or not: for tests and the benchmark
        self.largest_group = 0

    def run(self, action: Callable[[], Any]):
        """Run `action` in the next group's transaction; return its result or raise its error."""
        queued = _Queued(action, translation.get_language())
        with self.lock:
            self.queue.append(queued)
            lead_now = not self.leading
            self.leading = True
        if not lead_now:
            queued.woken.wait()
        if not queued.answered:  # first in, or handed the lead by the previous group's leader
            self._lead()
        if queued.error is not None:
            raise queued.error
        return queued.result

    def _lead(self) -> None:
        with self.lock:
            group = [self.queue.popleft() for _ in range(min(len(self.queue), self.group_max))]
        try:
            run_group(group)
        finally:
            with self.lock:
                self.groups_run += 1
                self.largest_group = max(self.largest_group, len(group))
                successor = self.queue[0] if self.queue else None
                self.leading = successor is not None
            for queued in group:
                queued.answered = True
                queued.woken.set()
            if successor is not None:
                successor.woken.set()


def run_group(group: list[_Queued]) -> None:
    """Run each queued action in its own savepoint inside one transaction, then commit once.

    Sets each one's result or error. Raises only what must stop the thread (KeyboardInterrupt,
    SystemExit), after marking every action of the group as not stored.
    """
    try:
        with transaction.atomic():
            lock_log()
            for queued in group:
                try:
                    with transaction.atomic(), translation.override(queued.language):
                        queued.result = queued.run()
                except Exception as error:  # this action only: its savepoint is rolled back
                    queued.result, queued.error = None, error
            connection = transaction.get_connection()
            if connection.needs_rollback or connection.closed_in_transaction:
                # A savepoint that could not be rolled back (a broken connection) marks the
                # whole transaction, and Django would then roll it back without a word:
                # the actions before it must not be told they were stored.
                raise GroupCommitFailed("the shared transaction cannot commit")
    except BaseException as error:
        # Nothing of the group was stored: an answer of success would be a lie.
        for queued in group:
            queued.result = None
            if queued.error is None:  # a refusal stays the answer: it stored nothing either
                queued.error = GroupCommitFailed("the write did not commit; nothing was stored")
                queued.error.__cause__ = error
        if not isinstance(error, Exception):
            raise


writers = GroupCommit()
