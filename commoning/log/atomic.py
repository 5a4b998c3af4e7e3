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
"""

import functools

from django.db import transaction

from commoning.log.writer import lock_log


def atomic_action(action):
    """Run `action` in one transaction under the log's write lock; an error rolls back all."""

    @functools.wraps(action)
    def run_as_one(*args, **kwargs):
        with transaction.atomic():
            lock_log()
            return action(*args, **kwargs)

    return run_as_one
