"""Actions sharing one group-commit transaction are answered one by one: a refused action
rolls back only its own savepoint and gets its own error; the others are stored in order."""

import functools
from itertools import pairwise

import pytest

from commoning.core.fields import FieldError
from commoning.log.group_commit import _Queued, run_group
from commoning.log.models import Entry
from commoning.log.registry import Forbidden
from commoning.testing import HostileNode
from commoning.work import actions
from commoning.work.models import Contribution
from commoning.work.tests.helpers import rules_led_commons


def _queued(action, *args, **kwargs):
    return _Queued(functools.partial(action, *args, **kwargs), "en")


def _record(user, commons, kind="code", description="Soldered a board"):
    return _queued(actions.record_contribution, user, commons.id, kind=kind, effort_minutes=30,
                   description=description)


@pytest.fixture
def commons(alice):
    return rules_led_commons(alice)


def test_it_refuses_one_action_and_stores_the_others(commons, bob, carol):
    group = [_record(bob, commons), _record(carol, commons, kind="juggling"),
             _record(carol, commons, description="Tested it")]
    run_group(group)
    assert isinstance(group[1].error, FieldError)
    assert group[0].error is None and group[2].error is None
    stored = set(Contribution.objects.values_list("id", flat=True))
    assert stored == {group[0].result.id, group[2].result.id}


def test_it_keeps_the_feed_order_of_one_member_across_a_group(commons, bob):
    group = [_record(bob, commons, description=f"Step {n}") for n in range(4)]
    run_group(group)
    rows = [Entry.objects.get(id=queued.result.id) for queued in group]
    assert [row.seq for row in rows] == sorted(row.seq for row in rows)
    assert all(later.prev == earlier.id for earlier, later in pairwise(rows))
    assert all(later.ts > earlier.ts for earlier, later in pairwise(rows))


def test_it_refuses_judging_ones_own_work_through_an_action_in_a_group(commons, bob, carol):
    recorded = actions.record_contribution(bob, commons.id, kind="code", effort_minutes=5,
                                           description="Wired it")
    group = [_queued(actions.validate, bob, recorded.id, verdict="approve"),
             _queued(actions.validate, carol, recorded.id, verdict="approve")]
    run_group(group)
    assert isinstance(group[0].error, Forbidden)
    assert Contribution.objects.get(id=recorded.id).approvals == 1


def test_a_hostile_node_in_a_group_cannot_judge_its_own_work(commons, bob, carol):
    recorded = actions.record_contribution(bob, commons.id, kind="code", effort_minutes=5,
                                           description="Wired it")
    mallory = HostileNode.of(bob)
    group = [
        _queued(mallory.write, "work.validation",
                {"contribution": recorded.id, "verdict": "approve"}, deps=[recorded.id]),
        _queued(actions.validate, carol, recorded.id, verdict="approve"),
    ]
    run_group(group)
    assert group[0].result.status == "rejected", group[0].result
    assert group[1].error is None
    assert Contribution.objects.get(id=recorded.id).approvals == 1
