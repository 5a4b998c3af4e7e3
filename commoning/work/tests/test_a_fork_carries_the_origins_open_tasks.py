"""A fork carries its origin's open tasks: the fork action copies each task not done at fork
time into the fork as a new `work.task` naming the task it carries; the task rule accepts a
carried task only from a commons the fork comes from. The origin's page lists its forks with a
link and the date."""

import pytest
from django.urls import reverse

from commoning.commons.actions import create_commons
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.models import ForkLink, Task
from commoning.work.tests.artifact_kit import api_client, web_client
from commoning.work.tests.helpers import rules_led_commons


@pytest.fixture
def origin(alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    open_task = actions.create_task(alice, commons.id, title="Calibrate the probe", kind="code",
                                    description="Against the lab meter.")
    claimed = actions.create_task(alice, commons.id, title="Write the manual", kind="writing")
    actions.claim_task(bob, claimed.id)
    done = actions.create_task(alice, commons.id, title="Solder the boards", kind="code")
    work = actions.record_contribution(bob, commons.id, kind="code", effort_minutes=60,
                                       description="Soldered", task=done.id)
    actions.validate(carol, work.id, verdict="approve")
    actions.validate(dave, work.id, verdict="approve")
    assert access.task_view(done).status == "done"
    return {"commons": commons, "open": open_task, "claimed": claimed, "done": done}


def _carried(fork_id):
    return {task.from_task_id: task for task in Task.objects.filter(commons_id=fork_id)}


def test_a_fork_made_on_the_web_carries_the_tasks_still_open(origin, eve):
    commons = origin["commons"]
    client = web_client(eve)
    response = client.post(reverse("work_fork", args=[commons.id]),
                           {"name": "Soil Sensor (desert)", "reason": "Dry soils"})
    assert response.status_code == 303
    fork_id = ForkLink.objects.get(origin_id=commons.id).fork_id
    carried = _carried(fork_id)
    assert set(carried) == {origin["open"].id, origin["claimed"].id}  # not the done one
    copy = carried[origin["open"].id]
    assert (copy.title, copy.kind) == ("Calibrate the probe", "code")
    assert access.task_view(copy).status == "open"  # claims stay with the origin
    task_page = client.get(reverse("work_task", args=[copy.id])).content.decode()
    assert "Against the lab meter." in task_page
    assert reverse("work_task", args=[origin["open"].id]) in task_page
    origin_page = client.get(reverse("work_commons", args=[commons.id])).content.decode()
    assert reverse("work_commons", args=[fork_id]) in origin_page
    assert "Soil Sensor (desert)" in origin_page
    assert "forked on" in origin_page


def test_a_fork_made_through_the_api_carries_the_tasks_still_open(origin, eve):
    commons = origin["commons"]
    client = api_client(eve)
    forked = client.post(f"/api/work/commons/{commons.id}/forks",
                         {"name": "Soil Sensor (API)", "reason": "Testing"},
                         content_type="application/json")
    assert forked.status_code == 201
    tasks = client.get(f"/api/work/commons/{forked.json()['id']}/tasks").json()["items"]
    assert {task["from_task_id"] for task in tasks} == {origin["open"].id,
                                                       origin["claimed"].id}


def test_the_rule_refuses_a_carried_task_from_a_commons_the_fork_does_not_come_from(
    origin, alice, eve
):
    fork = actions.fork_commons(eve, origin["commons"].id, name="Fork", reason="Why not")
    elsewhere = create_commons(alice, name="Bakery", licence="CC0-1.0")
    stranger = actions.create_task(alice, elsewhere.id, title="Knead", kind="care")
    mallory = HostileNode.of(eve)
    unrelated = mallory.write(
        "work.task",
        {"commons": fork.id, "title": "Knead", "kind": "care", "from_task": stranger.id},
        deps=sorted([fork.id, stranger.id]),
    )
    assert unrelated.status == "rejected"
    assert "forked from" in unrelated.reason
    undeclared = mallory.write(
        "work.task",
        {"commons": fork.id, "title": "Again", "kind": "code", "from_task": origin["open"].id},
        deps=[fork.id],
    )
    assert undeclared.status == "rejected"
    # Into the origin itself (not a fork of anything): refused too.
    backwards = mallory.write(
        "work.task",
        {"commons": origin["commons"].id, "title": "Back", "kind": "code",
         "from_task": origin["open"].id},
        deps=sorted([origin["commons"].id, origin["open"].id]),
    )
    assert backwards.status == "rejected"
