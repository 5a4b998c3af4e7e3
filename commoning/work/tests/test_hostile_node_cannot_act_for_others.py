"""A member holding their own key cannot release another's claim, withdraw another's
judgement, attach evidence to another's contribution, or fork under rules that are not the
commons': the shared rules refuse the entries a hostile node writes directly."""

import pytest

from commoning.commons.actions import create_commons
from commoning.testing import HostileNode
from commoning.work import actions
from commoning.work.models import Claim, Evidence, ForkLink, Validation
from commoning.work.tests.helpers import rules_led_commons


@pytest.fixture
def setting(alice, bob, carol):
    commons = rules_led_commons(alice)
    task = actions.create_task(alice, commons.id, title="Solder the boards", kind="code")
    actions.claim_task(bob, task.id)
    contribution = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=60, description="Soldered ten boards"
    )
    approval_id = actions.validate(carol, contribution.id, verdict="approve")
    return {"commons": commons, "task": task, "contribution": contribution,
            "approval": Validation.objects.get(id=approval_id)}


def test_eve_cannot_release_bobs_claim(setting, eve):
    claim = Claim.objects.get(task_id=setting["task"].id)
    written = HostileNode.of(eve).write("work.unclaim", {"claim": claim.id}, deps=[claim.id])
    assert written.status == "rejected"
    assert not Claim.objects.get(id=claim.id).released


def test_eve_cannot_withdraw_carols_approval(setting, eve):
    approval = setting["approval"]
    written = HostileNode.of(eve).write("work.withdraw", {"validation": approval.id},
                                        deps=[approval.id])
    assert written.status == "rejected"
    assert not Validation.objects.get(id=approval.id).withdrawn


def test_eve_cannot_attach_evidence_to_bobs_contribution(setting, eve):
    from commoning.log.append import store_attachment

    contribution = setting["contribution"]
    att = store_attachment(b"fake receipt", "text/plain")
    written = HostileNode.of(eve).write(
        "work.evidence",
        {"contribution": contribution.id, "name": "receipt.txt", "media_type": "text/plain"},
        deps=[contribution.id], att=att,
    )
    assert written.status == "rejected"
    assert not Evidence.objects.filter(contribution_id=contribution.id).exists()


def test_a_fork_cannot_claim_the_rules_of_another_commons(setting, alice, eve):
    other = create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0")
    rules_of_the_first = actions.access.rules_for(setting["commons"].id).rules_id
    assert rules_of_the_first
    written = HostileNode.of(eve).write(
        "work.fork",
        {"commons": other.id, "name": "Eve's press", "reason": "mine now",
         "rules": rules_of_the_first},
        deps=[other.id, rules_of_the_first],
    )
    assert written.status == "rejected"
    assert not ForkLink.objects.filter(fork_id=written.id).exists()


def test_eve_cannot_publish_rules_for_alices_commons(setting, eve):
    from commoning.work import access

    before = access.rules_for(setting["commons"].id).rules_id
    written = HostileNode.of(eve).write(
        "work.rules",
        {"commons": setting["commons"].id, "mode": "rules-led", "kinds": ["code"],
         "min_approvals": 1, "objection_window_days": 0, "claim_days": 14,
         "maintainer_contributions": 1, "maintainer_approvals": 0, "inactivity_days": 180},
        deps=[setting["commons"].id],
    )
    assert written.status == "rejected"
    assert "founder" in written.reason
    assert access.rules_for(setting["commons"].id).rules_id == before


def test_eve_cannot_settle_an_objection_without_a_role(setting, carol, eve):
    objection_id = actions.validate(carol, setting["contribution"].id, verdict="object",
                                    reason="The boards are not soldered")
    written = HostileNode.of(eve).write(
        "work.settle", {"validation": objection_id, "reason": "I say it is fine"},
        deps=[objection_id],
    )
    assert written.status == "rejected"
    assert not Validation.objects.get(id=objection_id).settled


def test_an_artifact_must_name_its_commons_in_deps(setting, eve):
    from commoning.work.models import Artifact

    written = HostileNode.of(eve).write(
        "work.artifact", {"commons": setting["commons"].id, "title": "Eve's notes"}
    )
    assert written.status == "rejected"
    assert "deps" in written.reason
    assert not Artifact.objects.filter(id=written.id).exists()
