"""If the process stops in the middle of a group (or its commit fails), nothing of the group
is stored and every caller gets an error: nobody is told their write was kept."""

import functools

import pytest
from django.db import DatabaseError, transaction

from commoning.log.group_commit import GroupCommitFailed, _Queued, run_group
from commoning.log.models import Entry
from commoning.log.projection import state_hash
from commoning.work import actions
from commoning.work.tests.helpers import rules_led_commons


def _stop():
    raise SystemExit("the process is going down")


def test_it_stores_nothing_of_a_group_that_stopped_half_way(alice, bob, carol):
    commons = rules_led_commons(alice)
    before, hash_before = Entry.objects.count(), state_hash()
    record = functools.partial(actions.record_contribution, commons_id=commons.id, kind="code",
                               effort_minutes=10, description="Cut the panels")
    group = [_Queued(functools.partial(record, bob), "en"), _Queued(_stop, "en"),
             _Queued(functools.partial(record, carol), "en")]
    with pytest.raises(SystemExit):
        run_group(group)
    assert Entry.objects.count() == before
    assert state_hash() == hash_before
    assert all(isinstance(queued.error, GroupCommitFailed) for queued in group)
    assert all(queued.result is None for queued in group)


@pytest.mark.django_db(transaction=True)  # the group's transaction is a real one here
def test_it_tells_nobody_their_write_was_kept_when_a_savepoint_cannot_roll_back(
    alice, bob, carol, monkeypatch
):
    commons = rules_led_commons(alice)
    before = Entry.objects.count()
    record = functools.partial(actions.record_contribution, commons_id=commons.id, kind="code",
                               effort_minutes=10, description="Cut the panels")
    connection = transaction.get_connection()

    def broken_connection():
        def fail(sid):
            raise DatabaseError("the connection broke")

        monkeypatch.setattr(connection, "savepoint_rollback", fail)
        raise ValueError("refused, and the rollback of its savepoint fails")

    group = [_Queued(functools.partial(record, bob), "en"), _Queued(broken_connection, "en")]
    run_group(group)
    monkeypatch.undo()
    assert isinstance(group[0].error, GroupCommitFailed)
    assert group[0].result is None
    assert Entry.objects.count() == before
