"""Rules are versioned in time: work is judged by the rules named when it was recorded, so a
rule change never re-judges validated or waiting work, and never turns a done task back into a
submitted one (finding 2). Pages and the API show which rules judged each contribution."""

from django.test import Client

from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.tests.helpers import FAST_RULES, rules_led_commons


def _publish(alice, commons, **changes):
    actions.publish_rules(alice, commons.id, **{**FAST_RULES, **changes})
    return access.rules_for(commons.id).rules_id


def test_stricter_rules_do_not_unvalidate_done_work(alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    first_rules = access.rules_for(commons.id).rules_id
    task = actions.create_task(alice, commons.id, title="Calibrate", kind="code")
    actions.claim_task(bob, task.id)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=60, description="Done", task=task.id
    )
    actions.validate(carol, work.id, verdict="approve")
    actions.validate(dave, work.id, verdict="approve")
    assert access.task_view(task).status == "done"
    _publish(alice, commons, min_approvals=5)
    shown = Client().get(f"/api/work/contributions/{work.id}").json()
    assert shown["state"] == "validated"
    assert shown["rules_id"] == first_rules
    assert shown["newer_rules_id"] == access.rules_for(commons.id).rules_id
    assert access.task_view(task).status == "done"


def test_a_shorter_window_does_not_validate_work_still_waiting(alice, bob, carol, dave):
    commons = rules_led_commons(alice, objection_window_days=7)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=60, description="Waiting"
    )
    actions.validate(carol, work.id, verdict="approve")
    actions.validate(dave, work.id, verdict="approve")
    assert access.verdict(access.get_contribution(work.net, work.id)).state == "in-window"
    _publish(alice, commons, objection_window_days=0)
    assert access.verdict(access.get_contribution(work.net, work.id)).state == "in-window"
    later = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=60, description="Under the new rules"
    )
    actions.validate(carol, later.id, verdict="approve")
    actions.validate(dave, later.id, verdict="approve")
    assert access.verdict(access.get_contribution(later.net, later.id)).state == "validated"


def test_the_page_says_which_rules_judged_the_work(alice, bob, client):
    commons = rules_led_commons(alice)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=60, description="Shown"
    )
    first_rules = access.rules_for(commons.id).rules_id
    _publish(alice, commons, min_approvals=3)
    page = client.get(f"/work/contributions/{work.id}/").content.decode()
    assert "Judged by the rules of " in page
    assert f"#rules-{first_rules}" in page
    assert "Newer rules were published on" in page
    rules_page = client.get(f"/work/commons/{commons.id}/rules/").content.decode()
    assert f'id="rules-{first_rules}"' in rules_page


def test_work_recorded_before_any_rules_keeps_the_defaults(alice, bob, carol, dave):
    from commoning.commons.actions import create_commons

    commons = create_commons(alice, name="Seed bank", licence="CC-BY-SA-4.0")
    work = actions.record_contribution(
        bob, commons.id, kind="care", effort_minutes=60, description="Sorted seeds"
    )
    assert work.rules_id == commons.id  # the defaults, named by the commons itself
    actions.publish_rules(alice, commons.id, **{**FAST_RULES, "kinds": ["care"]})
    judged = access.rules_judging(access.get_contribution(work.net, work.id))
    assert (judged.rules_id, judged.objection_window_days) == ("", 7)


def test_the_rule_refuses_work_naming_another_commons_rules(alice, bob):
    commons = rules_led_commons(alice)
    other = rules_led_commons(alice)
    foreign_rules = access.rules_for(other.id).rules_id
    written = HostileNode.of(bob).write(
        "work.contribution",
        {"commons": commons.id, "kind": "code", "effort_minutes": 5, "rules": foreign_rules},
        deps=sorted([commons.id, foreign_rules]),
    )
    assert written.status == "rejected"
    assert "not this commons' rules" in written.reason


def test_a_hostile_author_naming_older_laxer_rules_is_shown_to_validators(
    alice, bob, carol, client
):
    commons = rules_led_commons(alice, min_approvals=1)
    lax = access.rules_for(commons.id).rules_id
    _publish(alice, commons, min_approvals=4)
    written = HostileNode.of(bob).write(
        "work.contribution",
        {"commons": commons.id, "kind": "code", "effort_minutes": 5, "rules": lax},
        deps=sorted([commons.id, lax]),
    )
    assert written.applied, written.reason  # the author may not have seen the new rules
    page = client.get(f"/work/contributions/{written.id}/").content.decode()
    assert "Newer rules were published on" in page
    # Validators see it and object; the objection stands under any rules.
    actions.validate(carol, written.id, verdict="object", reason="Recorded under old rules")
    shown = access.get_contribution(commons.net, written.id)
    assert access.verdict(shown).state == "objected"
