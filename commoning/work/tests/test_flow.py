"""The peer-production flow through actions: claim, contribute, validate, earn, fork."""

import pytest

from commoning.log.registry import Forbidden, Rejected
from commoning.work import access, actions
from commoning.work.models import RoleChange
from commoning.work.tests.helpers import member_id, rules_led_commons


@pytest.fixture
def commons(alice):
    return rules_led_commons(alice)


def test_it_validates_a_contribution_by_two_approvals(commons, alice, bob, carol, dave):
    task = actions.create_task(alice, commons.id, title="Calibrate the probe", kind="code")
    actions.claim_task(bob, task.id)
    assert access.task_view(task).status == "claimed"
    contribution = actions.record_contribution(
        bob,
        commons.id,
        kind="code",
        effort_minutes=90,
        description="Wrote the calibration",
        task=task.id,
    )
    assert access.task_view(task).status == "submitted"
    assert access.verdict(contribution).state == "pending"
    actions.validate(carol, contribution.id, verdict="approve", reason="Works on my bench")
    actions.validate(dave, contribution.id, verdict="approve")
    contribution.refresh_from_db()
    assert access.verdict(contribution).state == "validated"
    assert access.task_view(task).status == "done"
    reputation = access.reputation(member_id(bob))
    assert reputation["validated"] == 1
    assert reputation["kinds"] == {"code": {"count": 1, "effort_minutes": 90}}


def test_it_grants_the_earned_role_naming_the_rule(commons, alice, bob, carol, dave):
    contribution = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Fixed the LoRa driver"
    )
    actions.validate(carol, contribution.id, verdict="approve")
    actions.validate(dave, contribution.id, verdict="approve")
    grant = RoleChange.objects.get(member_id=member_id(bob), change="grant")
    assert grant.rule == "earned"
    assert grant.rules_id == access.rules_for(commons.id).rules_id
    assert access.is_maintainer(commons, member_id(bob))


def test_it_keeps_credit_in_a_fork(commons, alice, bob, carol, dave, eve):
    contribution = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Fixed the LoRa driver"
    )
    actions.validate(carol, contribution.id, verdict="approve")
    actions.validate(dave, contribution.id, verdict="approve")
    fork = actions.fork_commons(eve, commons.id, name="Sensor (solar fork)", reason="Solar first")
    credits = access.credits_in(fork.id)
    assert [(c["member_id"], c["count"], c["carried"]) for c in credits] == [(member_id(bob), 1, 1)]
    assert access.fork_of(fork.id).origin_id == commons.id
    assert [link.fork_id for link in access.forks_from(commons.id)] == [fork.id]


def test_an_objection_blocks_until_withdrawn_or_settled(commons, alice, bob, carol, dave, eve):
    contribution = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Refactor"
    )
    actions.validate(carol, contribution.id, verdict="approve")
    actions.validate(dave, contribution.id, verdict="approve")
    objection = actions.validate(eve, contribution.id, verdict="object", reason="Breaks the build")
    contribution.refresh_from_db()
    assert access.verdict(contribution).state == "objected"
    with pytest.raises(Forbidden):
        actions.settle_objection(carol, objection, reason="not a maintainer")
    actions.settle_objection(alice, objection, reason="The build was fixed upstream")
    contribution.refresh_from_db()
    assert access.verdict(contribution).state == "validated"


def test_it_expires_claims_at_read_time(commons, alice, bob, carol):
    task = actions.create_task(alice, commons.id, title="Write the guide", kind="writing")
    actions.claim_task(bob, task.id)
    later = access.now_ms() + 15 * 24 * 3600 * 1000
    assert access.task_views([task], now=later)[0].status == "stale"
    with pytest.raises(Rejected):
        actions.claim_task(carol, task.id)  # still held now


def test_it_keeps_revisions_and_carries_them_into_a_fork(commons, alice, bob, eve):
    artifact = actions.create_artifact(alice, commons.id, title="Build guide", body="Step 1\n")
    actions.revise_artifact(
        bob, artifact.id, commons_id=commons.id, body="Step 1\nStep 2\n", note="Add step 2"
    )
    fork = actions.fork_commons(eve, commons.id, name="Guide fork", reason="Another language")
    assert [a.id for a in access.artifacts_in(fork.id)] == [artifact.id]
    actions.revise_artifact(eve, artifact.id, commons_id=fork.id, body="Paso 1\n", note="Spanish")
    assert access.revisions_of(artifact, fork.id).count() == 3
    assert access.revisions_of(artifact, commons.id).count() == 2


def test_a_role_lapses_by_inactivity_with_an_entry_naming_the_rule(
    alice, bob, carol, dave, monkeypatch
):
    from commoning.log import clock

    commons = rules_led_commons(alice, inactivity_days=1)
    contribution = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Driver"
    )
    actions.validate(carol, contribution.id, verdict="approve")
    actions.validate(dave, contribution.id, verdict="approve")
    with pytest.raises(Rejected):
        actions.record_lapse(carol, commons.id, member_id(bob))
    later = clock.now_ms() + 2 * 24 * 3600 * 1000
    monkeypatch.setattr(clock, "now_ms", lambda: later)
    assert [v.lapsed for v in access.maintainers(commons.id)] == [True]
    actions.record_lapse(carol, commons.id, member_id(bob))
    revoke = RoleChange.objects.get(change="revoke")
    assert (revoke.rule, revoke.member_id) == ("inactivity", member_id(bob))
    assert not access.is_maintainer(commons, member_id(bob))
