"""Atomic actions: an action and every entry it appends commit together or not at all.

Every app's write paths (`actions.py`) copy one pattern:

    @atomic_action
    def create_artifact(user, commons_id, *, title, body, note):
        ...append(...)   # the artifact
        ...append(...)   # its first revision

`append` runs each entry in its own transaction, so an action that appends two entries and
fails between them would leave the first one signed and stored (an artifact with no revision,
a validation without the role it earned). Wrapping the whole action makes the entries one unit:
if any step raises (a refused note, a rule that says no, a bug), everything the action wrote
rolls back, and the caller gets the error with nothing left behind.

The wrapper also takes the log's write lock first, so what an action reads to decide (the head
of an artifact it revises, whether a task is still open) cannot change before it appends: on
SQLite the IMMEDIATE transaction already holds the write lock from BEGIN; on PostgreSQL the
advisory lock every log writer takes does the same. Actions calling actions nest as savepoints
inside the outer transaction, and an error anywhere still rolls back the outermost one.

An outermost action joins the process's group commit (group_commit.py): it runs in its own
savepoint inside a transaction it may share with actions other threads started at the same
time, committed once for all. Its meaning is unchanged: all of it or none of it is stored, and
its caller is answered only after the commit. COMMONING_GROUP_COMMIT=0 turns the sharing off
(each outermost action then has a transaction of its own).
"""

import functools

from django.conf import settings
from django.db import transaction

from commoning.log import group_commit
from commoning.log.writer import lock_log


def atomic_action(action):
    """Run `action` in one transaction under the log's write lock; an error rolls back all."""

    @functools.wraps(action)
    def run_as_one(*args, **kwargs):
        if transaction.get_connection().in_atomic_block or not settings.COMMONING_GROUP_COMMIT:
            with transaction.atomic():
                lock_log()
                return action(*args, **kwargs)
        return group_commit.writers.run(functools.partial(action, *args, **kwargs))

    return run_as_one
