"""Maintainer powers follow recalls, in any delivery order: a recalled maintainer holding their
own key cannot hide, settle or recall by listing the old grant, and a recall that arrives late
undoes what it had not seen (finding 3)."""

from django.test import Client

from commoning.commons.actions import create_commons
from commoning.log.append import feed_head
from commoning.testing import PASSWORD, HostileNode
from commoning.work import access, actions
from commoning.work.models import RoleChange
from commoning.work.tests.helpers import member_id


def _world(alice, bob, dave, eve):
    commons = create_commons(alice, name="Seed library", licence="CC-BY-SA-4.0")
    bob_grant = actions.appoint_maintainer(alice, commons.id, member_id(bob))
    dave_grant = actions.appoint_maintainer(alice, commons.id, member_id(dave))
    spam = actions.record_contribution(
        eve, commons.id, kind="care", effort_minutes=5, description="cheap pills"
    )
    return commons, bob_grant, dave_grant, spam


def _recall_entry(recaller, commons, member, grant, *, seen_user, extra_deps=()):
    """A recall built on another node, listing the recalled member's head it had seen."""
    key_hex = HostileNode.of(seen_user).public_hex
    head = feed_head(commons.net, key_hex)
    data = {
        "commons": commons.id, "member": member, "role": "maintainer", "change": "revoke",
        "rule": "recall", "grants": [grant], "reason": "Stepped back",
        "seen": {key_hex: head[0]},
    }
    deps = sorted({commons.id, grant, head[1], *extra_deps})
    return HostileNode.of(recaller).entry("work.role", data, deps=deps)


def test_a_recalled_maintainer_cannot_hide_through_the_web(alice, bob, dave, eve):
    commons, _bob_grant, _dave_grant, spam = _world(alice, bob, dave, eve)
    founder = Client()
    founder.login(username="alice", password=PASSWORD)
    response = founder.post(
        f"/work/commons/{commons.id}/roles/change/",
        {"change": "recall", "member": member_id(bob), "reason": "Stepped back", "confirm": "on"},
    )
    assert response.status_code == 303
    client = Client()
    client.login(username="bob", password=PASSWORD)
    refused = client.post(
        f"/work/contributions/{spam.id}/hide/", {"reason": "spam", "confirm": "on"}
    )
    assert refused.status_code == 403
    assert not access.get_contribution(commons.net, spam.id).hidden


def test_a_recalled_maintainer_listing_the_old_grant_hides_nothing(alice, bob, dave, eve):
    commons, bob_grant, _dave_grant, spam = _world(alice, bob, dave, eve)
    actions.recall_maintainer(alice, commons.id, member_id(bob), reason="Stepped back")
    written = HostileNode.of(bob).write(
        "work.hide", {"contribution": spam.id, "reason": "mine now"},
        deps=sorted([spam.id, bob_grant]),
    )
    # The rule cannot know of a recall outside the entry's causal past; the act is void.
    assert written.applied, written.reason
    assert not access.get_contribution(commons.net, spam.id).hidden


def test_a_recalled_maintainer_cannot_recall_another_maintainer(alice, bob, dave, eve):
    commons, bob_grant, dave_grant, _spam = _world(alice, bob, dave, eve)
    actions.recall_maintainer(alice, commons.id, member_id(bob), reason="Stepped back")
    written = HostileNode.of(bob).write(
        "work.role",
        {"commons": commons.id, "member": member_id(dave), "role": "maintainer",
         "change": "revoke", "rule": "recall", "grants": [dave_grant], "reason": "revenge"},
        deps=sorted([commons.id, bob_grant, dave_grant]),
    )
    assert written.applied, written.reason
    assert RoleChange.objects.get(id=written.id).void
    assert member_id(dave) in {view.member_id for view in access.maintainers(commons.id)}


def test_the_rule_refuses_an_act_that_lists_the_recall_of_its_grant(alice, bob, dave, eve):
    commons, bob_grant, _dave_grant, spam = _world(alice, bob, dave, eve)
    recall = actions.recall_maintainer(alice, commons.id, member_id(bob), reason="Stepped back")
    written = HostileNode.of(bob).write(
        "work.hide", {"contribution": spam.id, "reason": "mine now"},
        deps=sorted([spam.id, bob_grant, recall]),
    )
    assert written.status == "rejected"


def test_a_late_recall_undoes_the_hide_it_had_not_seen(alice, bob, carol, dave, eve):
    commons, bob_grant, _dave_grant, spam = _world(alice, bob, dave, eve)
    earlier = actions.record_contribution(
        carol, commons.id, kind="care", effort_minutes=5, description="off topic"
    )
    actions.hide_contribution(bob, earlier.id, reason="off topic")  # seen by the recall
    recall = _recall_entry(alice, commons, member_id(bob), bob_grant, seen_user=bob)
    actions.hide_contribution(bob, spam.id, reason="spam")  # made before the recall arrived
    assert access.get_contribution(commons.net, spam.id).hidden
    assert HostileNode.deliver(recall).applied
    assert not access.get_contribution(commons.net, spam.id).hidden
    assert access.get_contribution(commons.net, earlier.id).hidden


def test_a_late_recall_undoes_a_settlement_it_had_not_seen(alice, bob, carol, dave, eve):
    commons, bob_grant, _dave_grant, _spam = _world(alice, bob, dave, eve)
    work = actions.record_contribution(
        eve, commons.id, kind="care", effort_minutes=5, description="watered"
    )
    objection = actions.validate(carol, work.id, verdict="object", reason="not watered")
    recall = _recall_entry(alice, commons, member_id(bob), bob_grant, seen_user=bob)
    actions.settle_objection(bob, objection, reason="it was")
    assert access.get_contribution(commons.net, work.id).standing_objections == 0
    assert HostileNode.deliver(recall).applied
    assert access.get_contribution(commons.net, work.id).standing_objections == 1


def test_maintainers_recalling_each_other_unseen_both_lose_the_role(alice, bob, dave, eve):
    commons, bob_grant, dave_grant, _spam = _world(alice, bob, dave, eve)
    # Dave's recall of Bob, written before Dave saw Bob's recall of him.
    dave_recall = _recall_entry(dave, commons, member_id(bob), bob_grant, seen_user=bob,
                                extra_deps=[dave_grant])
    actions.recall_maintainer(bob, commons.id, member_id(dave), reason="Gone quiet")
    assert HostileNode.deliver(dave_recall).applied
    assert access.maintainers(commons.id) == []


def test_a_lapse_anyone_records_does_not_undo_the_maintainers_earlier_acts(
    alice, bob, carol, dave, eve, monkeypatch
):
    from commoning.log import clock
    from commoning.work import rules as work_rules
    from commoning.work.tests.helpers import rules_led_commons

    commons = rules_led_commons(alice, inactivity_days=1)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=5, description="Probe driver"
    )
    actions.validate(carol, work.id, verdict="approve")
    actions.validate(dave, work.id, verdict="approve")  # Bob earns the role by the rule
    grant = access.role_grant_of(commons.id, member_id(bob))
    spam = actions.record_contribution(
        eve, commons.id, kind="code", effort_minutes=5, description="cheap pills"
    )
    actions.hide_contribution(bob, spam.id, reason="spam")
    later = clock.now_ms() + 2 * work_rules.DAY_MS
    monkeypatch.setattr(clock, "now_ms", lambda: later)
    rules_id = access.rules_for(commons.id).rules_id
    lapse = HostileNode.of(eve).write(
        "work.role",
        {"commons": commons.id, "member": member_id(bob), "role": "maintainer",
         "change": "revoke", "rule": "inactivity", "rules": rules_id, "grants": [grant.id]},
        deps=sorted([commons.id, rules_id, grant.id]),
    )
    assert lapse.applied, lapse.reason
    assert access.role_grant_of(commons.id, member_id(bob)) is None
    assert access.get_contribution(commons.net, spam.id).hidden
