"""Fuzz: whichever action fails, at whichever of its appends, nothing it wrote stays behind:
no entry, no orphan artifact, the same state hash as before it ran."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from commoning.accounts.access import signing_key_for
from commoning.commons import actions as commons_actions
from commoning.log.append import append
from commoning.log.models import Entry
from commoning.log.projection import state_hash
from commoning.work import actions, artifact_actions
from commoning.work.tests.artifact_kit import (
    InjectedFailure,
    failing_append,
    orphan_artifacts,
)
from commoning.work.tests.helpers import rules_led_commons

MODULES = (actions, artifact_actions, commons_actions)


def _world(alice, bob, carol, dave):
    """Set-up where several actions append more than one entry."""
    commons = rules_led_commons(alice)
    contribution = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Calibrated the probe"
    )
    actions.validate(carol, contribution.id, verdict="approve")  # Dave's approval earns a role
    task = actions.create_task(alice, commons.id, title="Calibrate", kind="code")
    actions.claim_task(bob, task.id)
    account, key = signing_key_for(bob)  # Bob's second device claimed it too
    append(key, net=account.net, type="work.claim", data={"task": task.id}, deps=[task.id])
    guide = artifact_actions.create_artifact(alice, commons.id, title="Guide", body="one\n")
    return {
        "create an artifact": lambda: artifact_actions.create_artifact(
            bob, commons.id, title="Parts", body="probe\n", note="First list"
        ),
        "approve and earn a role": lambda: actions.validate(
            dave, contribution.id, verdict="approve"
        ),
        "release both claims": lambda: actions.unclaim_task(bob, task.id),
        "revise an artifact": lambda: artifact_actions.revise_artifact(
            bob, guide.id, commons_id=commons.id, body="one\ntwo\n", note="Two"
        ),
        "fork the commons": lambda: actions.fork_commons(
            dave, commons.id, name="Fork", reason="Other goals"
        ),
        "found a commons": lambda: commons_actions.create_commons(
            carol, name="Seed bank", licence="CC-BY-SA-4.0"
        ),
    }


@pytest.mark.django_db(transaction=False)
def test_an_action_failing_at_any_append_leaves_nothing_behind(alice, bob, carol, dave):
    scenarios = _world(alice, bob, carol, dave)
    names = sorted(scenarios)

    @settings(
        max_examples=30,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(st.sampled_from(names), st.integers(min_value=1, max_value=3))
    def nothing_behind(name, failing_at):
        savepoint = transaction.savepoint()
        try:
            entries, before = Entry.objects.count(), state_hash()
            try:
                with failing_append(failing_at, MODULES):
                    scenarios[name]()
            except InjectedFailure:
                assert Entry.objects.count() == entries, name
                assert state_hash() == before, name
            else:
                # The action appended fewer entries than the failure point: it completed.
                assert Entry.objects.count() >= entries + 1, name
            assert orphan_artifacts() == []
        finally:
            transaction.savepoint_rollback(savepoint)

    nothing_behind()
