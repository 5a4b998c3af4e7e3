"""Any delivery order of the same entries, backdating attempts and concurrent claims among
them, gives the same state hash, the same verdicts on every entry and the same holders of
every task, in the same order."""

import pytest

from commoning.log import clock
from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.tests.helpers import member_id, rules_led_commons

MINUTE = 60_000


def build_claims_log(alice, bob, carol, dave, eve, monkeypatch):
    commons = rules_led_commons(alice)
    probe = actions.create_task(alice, commons.id, title="Calibrate the probe", kind="code")
    guide = actions.create_task(alice, commons.id, title="Write the guide", kind="writing")
    bobs = actions.claim_task(bob, probe.id)
    probe_ts = Entry.objects.get(id=probe.id).ts
    # Carol, on another node, claims at the same time without seeing Bob's claim, and dates
    # hers at the task itself (earlier than Bob's): she joins him.
    assert HostileNode.of(carol).write("work.claim", {"task": probe.id}, deps=[probe.id],
                                       ts=probe_ts).applied
    # Eve names Bob's claim, so knew it was held: she joins after him.
    assert HostileNode.of(eve).write("work.claim", {"task": probe.id},
                                     deps=sorted([probe.id, bobs])).applied
    # Rejected attempts: dated 1970, naming a claim of another task, dated before the task.
    rejected = [
        HostileNode.of(eve).write("work.claim", {"task": guide.id}, deps=[guide.id], ts=0),
        HostileNode.of(dave).write("work.claim", {"task": guide.id},
                                   deps=sorted([guide.id, bobs])),
        HostileNode.of(eve).write(
            "work.contribution", {"commons": commons.id, "kind": "code", "effort_minutes": 900},
            deps=[commons.id], ts=0,
        ),
    ]
    ahead = clock.now_ms() + 5 * MINUTE
    monkeypatch.setattr(clock, "now_ms", lambda: ahead)
    later = actions.create_task(alice, commons.id, title="Port the firmware", kind="code")
    monkeypatch.undo()
    rejected.append(HostileNode.of(dave).write("work.claim", {"task": later.id},
                                               deps=[later.id], ts=ahead - 1))
    assert [written.status for written in rejected] == ["rejected"] * 4
    # A released claim, then a claim that names an expired one, and work that keeps Bob's.
    actions.claim_task(dave, guide.id)
    actions.unclaim_task(dave, guide.id)
    actions.claim_task(carol, guide.id)
    actions.record_contribution(bob, commons.id, kind="code", effort_minutes=90,
                                description="Calibrated", task=probe.id)
    return commons, probe


def holders_everywhere(commons_id):
    return [(view.task.id, view.status, view.holder_ids)
            for view in access.task_views(access.tasks_in(commons_id))]


@pytest.mark.django_db(transaction=False)
def test_backdated_and_concurrent_claims_give_the_same_state_in_any_order(
    alice, bob, carol, dave, eve, monkeypatch
):
    commons, probe = build_claims_log(alice, bob, carol, dave, eve, monkeypatch)
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    reference_holders = holders_everywhere(commons.id)
    assert sorted(len(holders) for _, _, holders in reference_holders) == [0, 1, 3]
    probe_holders = next(found for task_id, _, found in reference_holders if task_id == probe.id)
    assert probe_holders.index(member_id(bob)) < probe_holders.index(member_id(eve))

    assert_same_in_any_order(envelopes, examples=10,
                             observe=lambda: (dict(Entry.objects.values_list("id", "status")),
                                              holders_everywhere(commons.id)))
