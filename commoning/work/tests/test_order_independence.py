"""Any delivery order of the same entries gives the same contribution states, roles and
reputations: the state hash after re-ingesting a shuffled log equals the reference."""

import pytest

from commoning.accounts.models import Member
from commoning.log.append import append
from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.tests.helpers import member_id, rules_led_commons


def build_realistic_log(alice, bob, carol, dave, eve):
    """Every kind of work entry, with concurrent claims, amendments and judgements."""
    from commoning.accounts.access import signing_key_for

    commons = rules_led_commons(alice)
    task = actions.create_task(alice, commons.id, title="Calibrate the probe", kind="code")
    second = actions.create_task(alice, commons.id, title="Write the guide", kind="writing")
    actions.claim_task(bob, task.id)
    # Carol claims the same task on another node at about the same time (actions would refuse).
    account, key = signing_key_for(carol)
    append(key, net=account.net, type="work.claim", data={"task": task.id}, deps=[task.id])
    actions.claim_task(dave, second.id)
    actions.unclaim_task(dave, second.id)
    actions.claim_task(eve, second.id)
    artifact = actions.create_artifact(alice, commons.id, title="Build guide", body="Step 1\n")
    revision = actions.revise_artifact(
        bob, artifact.id, commons_id=commons.id, body="Step 1\nStep 2\n", note="Add step 2"
    )
    code = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=90, description="Calibration", task=task.id
    )
    guide = actions.record_contribution(
        bob,
        commons.id,
        kind="writing",
        effort_minutes=45,
        description="Step 2",
        revision=revision.id,
    )
    actions.attach_evidence(
        bob, code.id, name="calibration.csv", body=b"probe,reading\n1,412\n", media_type="text/csv"
    )
    actions.amend_contribution(bob, guide.id, effort_minutes=50)
    actions.amend_contribution(bob, guide.id, evidence_url="https://example.org/pr/2")
    spam = actions.record_contribution(
        eve, commons.id, kind="testing", effort_minutes=999, description="buy cheap pills"
    )
    actions.validate(carol, code.id, verdict="approve", reason="Works on my bench")
    actions.validate(dave, code.id, verdict="approve")  # earns Bob the role
    objection = actions.validate(eve, guide.id, verdict="object", reason="Step 2 is wrong")
    actions.validate(carol, guide.id, verdict="approve")
    approval = actions.validate(dave, guide.id, verdict="approve")
    actions.withdraw_validation(dave, approval)
    actions.validate(dave, guide.id, verdict="approve", reason="Checked again")
    actions.settle_objection(bob, objection, reason="Eve's point was fixed in revision 3")
    actions.hide_contribution(alice, spam.id, reason="spam")
    # Validated work amended: judgement re-opens, and the judges approve the new version.
    actions.amend_contribution(bob, guide.id, effort_minutes=70, description="Step 2 and 3")
    actions.validate(carol, guide.id, verdict="approve")
    actions.validate(dave, guide.id, verdict="approve")
    # One member approves, then objects: the later replaces the earlier.
    actions.validate(eve, code.id, verdict="approve")
    actions.validate(eve, code.id, verdict="object", reason="Off by one")
    actions.settle_objection(bob, access.standing_judgement(code, member_id(eve)).id,
                             reason="Fixed")
    offtopic = actions.record_contribution(
        carol, commons.id, kind="writing", effort_minutes=5, description="Off topic"
    )
    actions.hide_contribution(bob, offtopic.id, reason="off topic")
    actions.publish_rules(
        alice,
        commons.id,
        mode="rules-led",
        kinds=["code", "writing", "testing"],
        min_approvals=2,
        objection_window_days=0,
        claim_days=7,
        maintainer_contributions=1,
        maintainer_approvals=0,
        inactivity_days=90,
    )
    # Recorded under the new rules; the earlier work keeps the rules it was recorded under.
    actions.record_contribution(
        dave, commons.id, kind="testing", effort_minutes=20, description="Field test"
    )
    actions.fork_commons(eve, commons.id, name="Solar sensor", reason="Solar power first")
    grant = access.role_grant_of(commons.id, member_id(bob))
    actions.recall_maintainer(alice, commons.id, member_id(bob), reason="Asked to step back")
    # Bob, recalled, still hides with his old grant: void in every order of arrival (the
    # recall may come before or after it), while his earlier hide and settlements stand.
    bob_node = HostileNode.of(bob)
    bob_node.write("work.hide", {"contribution": guide.id, "reason": "revenge"},
                   deps=sorted([guide.id, grant.id]))
    return commons


def derived_state(commons_id):
    """What people see: contribution states, maintainers and every member's reputation."""
    return (
        sorted(
            (c.id, c.verdict.state)
            for c in access.with_verdicts(access.contributions_in(commons_id))
        ),
        sorted(v.member_id for v in access.maintainers(commons_id)),
        [access.reputation(m) for m in sorted(Member.objects.values_list("id", flat=True))],
        [
            (v.task.id, v.status, v.holder_ids)
            for v in access.task_views(access.tasks_in(commons_id))
        ],
    )


@pytest.mark.django_db(transaction=False)
def test_any_delivery_order_gives_the_same_state(alice, bob, carol, dave, eve):
    commons = build_realistic_log(alice, bob, carol, dave, eve)
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]
    reference_view = derived_state(commons.id)
    assert len(reference_view[1]) == 0  # Bob earned the role, then was recalled
    states = dict(reference_view[0])
    assert sorted(states.values()) == ["hidden", "hidden", "pending", "validated", "validated"]

    assert_same_in_any_order(envelopes, examples=10,
                             observe=lambda: (Entry.objects.filter(status="applied").count(),
                                              derived_state(commons.id)))
