"""Actions that append more than one entry commit them as one: when a later step fails, the
earlier entries roll back with it (validate-then-earn-role, and the unclaim loop)."""

import pytest

from commoning.accounts.access import signing_key_for
from commoning.log.append import append
from commoning.log.models import Entry
from commoning.work import access, actions
from commoning.work.models import RoleChange, Validation
from commoning.work.tests.artifact_kit import InjectedFailure, failing_append
from commoning.work.tests.helpers import member_id, rules_led_commons


def test_a_validation_rolls_back_when_recording_the_role_it_earns_fails(alice, bob, carol, dave):
    commons = rules_led_commons(alice)  # one validated contribution makes a maintainer
    contribution = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Calibrated the probe"
    )
    actions.validate(carol, contribution.id, verdict="approve")
    entries_before = Entry.objects.count()
    # Dave's approval is the second: it validates the work, so the action appends the role next.
    with failing_append(at=2), pytest.raises(InjectedFailure):
        actions.validate(dave, contribution.id, verdict="approve")
    assert Entry.objects.count() == entries_before
    assert not Validation.objects.filter(member_id=member_id(dave)).exists()
    assert not RoleChange.objects.filter(member_id=member_id(bob)).exists()
    # Without the failure the same action writes both, which shows the role was the second step.
    actions.validate(dave, contribution.id, verdict="approve")
    assert Entry.objects.count() == entries_before + 2
    assert access.role_grant_of(commons.id, member_id(bob)) is not None


def test_the_unclaim_loop_rolls_back_when_its_second_release_fails(alice, bob):
    commons = rules_led_commons(alice)
    task = actions.create_task(alice, commons.id, title="Calibrate the probe", kind="code")
    actions.claim_task(bob, task.id)
    # Bob's second device claimed the same task before the first claim reached it.
    account, key = signing_key_for(bob)
    append(key, net=account.net, type="work.claim", data={"task": task.id}, deps=[task.id])
    assert len(access.claims_of(member_id(bob), task.id)) == 2
    entries_before = Entry.objects.count()
    with failing_append(at=2), pytest.raises(InjectedFailure):
        actions.unclaim_task(bob, task.id)
    assert Entry.objects.count() == entries_before
    assert len(access.claims_of(member_id(bob), task.id)) == 2
    actions.unclaim_task(bob, task.id)
    assert Entry.objects.count() == entries_before + 2
    assert len(access.claims_of(member_id(bob), task.id)) == 0
