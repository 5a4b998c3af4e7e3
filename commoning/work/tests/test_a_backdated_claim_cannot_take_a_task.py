"""Finding 4: a claim dated before another member's took over her task. Now a claim can join
the holders of a task but never displace one, whatever ts it carries; a person is refused a
held task (409) and a hostile node's backdated claim changes nothing of Bob's standing."""

import pytest
from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.log import clock
from commoning.log.models import Entry, ParkedEntry
from commoning.log.projection import state_hash
from commoning.testing import PASSWORD, HostileNode
from commoning.work import access, actions
from commoning.work.tests.helpers import member_id, rules_led_commons

MINUTE = 60_000


@pytest.fixture
def held(alice, bob, eve):
    """A task Bob claimed through the action, a little after it was published (Eve, the
    hostile member, joined the network before either)."""
    commons = rules_led_commons(alice)
    task = actions.create_task(alice, commons.id, title="Calibrate the probe", kind="code")
    claim_id = actions.claim_task(bob, task.id)
    return {"task": task, "task_ts": Entry.objects.get(id=task.id).ts,
            "claim": Entry.objects.get(id=claim_id)}


def _holders(task):
    return access.task_view(task).holder_ids


def _web(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_a_person_cannot_claim_a_task_someone_holds(held, bob, eve):
    task = held["task"]
    before = (Entry.objects.count(), state_hash())
    response = _web("eve").post(f"/work/tasks/{task.id}/claim/")
    assert response.status_code == 409
    _row, token = create_api_token(eve, "test")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    response = api.post(f"/api/work/tasks/{task.id}/claim", {}, content_type="application/json")
    assert response.status_code == 409
    assert (Entry.objects.count(), state_hash()) == before
    assert _holders(task) == [member_id(bob)]


def test_a_claim_dated_before_bobs_only_joins_him(held, bob, eve):
    task, bobs_claim = held["task"], held["claim"]
    # Mallory dates her claim at the task's own ts, before Bob's, and hides that she knew.
    written = HostileNode.of(eve).write("work.claim", {"task": task.id}, deps=[task.id],
                                        ts=max(held["task_ts"], bobs_claim.ts - 1))
    assert written.applied, written
    assert written.entry.ts < bobs_claim.ts
    assert member_id(bob) in _holders(task)
    assert set(_holders(task)) == {member_id(bob), member_id(eve)}
    assert access.task_view(task).status == "claimed"


def test_a_claim_that_names_bobs_claim_comes_after_him(held, bob, eve):
    task, bobs_claim = held["task"], held["claim"]
    written = HostileNode.of(eve).write("work.claim", {"task": task.id},
                                        deps=sorted([task.id, bobs_claim.id]))
    assert written.applied, written
    assert _holders(task) == [member_id(bob), member_id(eve)]


def test_a_claim_dated_before_its_task_is_refused_by_the_log(held, bob, eve):
    task = held["task"]
    before = state_hash()
    written = HostileNode.of(eve).write("work.claim", {"task": task.id}, deps=[task.id], ts=0)
    assert written.status == "rejected"
    assert written.reason.startswith("ts is earlier than")
    assert _holders(task) == [member_id(bob)]
    assert state_hash() != before  # the rejected entry is recorded, and nothing else changed


def test_a_claim_may_name_in_deps_only_earlier_claims_on_its_task(held, alice, eve):
    task = held["task"]
    other = actions.create_task(alice, task.commons_id, title="Other", kind="code")
    written = HostileNode.of(eve).write("work.claim", {"task": task.id},
                                        deps=sorted([task.id, other.id]))
    assert written.status == "rejected"
    assert "earlier claims" in written.reason


def test_the_task_page_and_the_api_show_every_holder(held, bob, eve):
    task = held["task"]
    HostileNode.of(eve).write("work.claim", {"task": task.id}, deps=[task.id])
    page = _web("bob").get(f"/work/tasks/{task.id}/").content.decode()
    assert "Bob and Eve" in page or "Eve and Bob" in page
    assert "hold it together" in page
    _row, token = create_api_token(bob, "test")
    api = Client(headers={"Authorization": f"Bearer {token}"})
    shown = api.get(f"/api/work/tasks/{task.id}").json()
    assert sorted(shown["holder_ids"]) == sorted([member_id(bob), member_id(eve)])
    assert shown["holder_id"] == shown["holder_ids"][0]


def test_a_holder_who_joined_may_release_only_her_own_claim(held, bob, eve):
    task = held["task"]
    HostileNode.of(eve).write("work.claim", {"task": task.id}, deps=[task.id])
    actions.unclaim_task(eve, task.id)
    assert _holders(task) == [member_id(bob)]


def test_a_claim_dated_nine_minutes_ahead_gains_nine_minutes_and_no_more(held, eve):
    task = held["task"]
    rules = access.rules_for(task.commons_id)
    ahead = clock.now_ms() + 9 * MINUTE
    written = HostileNode.of(eve).write("work.claim", {"task": task.id}, deps=[task.id],
                                        ts=ahead)
    assert written.applied
    ends = ahead + rules.claim_ms
    assert member_id(eve) in access.task_views([task], now=ends - 1)[0].holder_ids
    assert member_id(eve) not in access.task_views([task], now=ends)[0].holder_ids


def test_a_claim_dated_far_ahead_waits_until_its_time(held, bob, eve):
    task = held["task"]
    written = HostileNode.of(eve).write("work.claim", {"task": task.id}, deps=[task.id],
                                        ts=clock.now_ms() + 24 * 60 * MINUTE)
    assert written.status == "parked"
    assert ParkedEntry.objects.filter(id=written.id).exists()
    assert _holders(task) == [member_id(bob)]
