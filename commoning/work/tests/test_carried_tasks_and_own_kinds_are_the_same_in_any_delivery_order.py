"""Rules with kinds of a commons' own, work of those kinds, and a fork with the open tasks it
carries give the same state hash, the same carried tasks and the same reputation tallies in
any delivery order."""

import pytest

from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.work import access, actions
from commoning.work.models import Task
from commoning.work.tests.helpers import member_id, rules_led_commons


@pytest.mark.django_db(transaction=False)
def test_own_kinds_and_carried_tasks_give_the_same_state_in_any_order(alice, bob, carol, dave):
    commons = rules_led_commons(
        alice, kinds=["writing"], kind_labels={"field_trial": "Field trial"}
    )
    actions.create_task(alice, commons.id, title="Trial the new line", kind="field_trial")
    trial = actions.record_contribution(bob, commons.id, kind="field_trial", effort_minutes=90,
                                        description="Trialled")
    actions.validate(carol, trial.id, verdict="approve")
    actions.validate(dave, trial.id, verdict="approve")
    actions.amend_contribution(bob, trial.id, kind="writing")
    fork = actions.fork_commons(dave, commons.id, name="Fork", reason="Our way")
    now = access.now_ms()

    def observe():
        return (
            sorted(Task.objects.filter(commons_id=fork.id).values_list("from_task_id", "kind")),
            access.reputation(member_id(bob), now=now),
        )

    assert len(observe()[0]) == 1
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    assert_same_in_any_order(envelopes, examples=10, observe=observe)
