"""In a rules-led commons, maintainers earn their role; the founder cannot appoint one, even by
leaving the rules out of the entry or naming an older founder-led version (finding 3). The
rules in force for the founder's entries are known from the founder's own feed."""

from django.test import Client

from commoning.testing import PASSWORD, HostileNode
from commoning.work import access, actions
from commoning.work.tests.helpers import FAST_RULES, member_id, rules_led_commons


def _appointment(commons, member, **extra):
    return {"commons": commons.id, "member": member, "role": "maintainer", "change": "grant",
            "rule": "appointed", **extra}


def test_the_founder_cannot_appoint_through_the_web(alice, bob):
    commons = rules_led_commons(alice)
    client = Client()
    client.login(username="alice", password=PASSWORD)
    response = client.post(
        f"/work/commons/{commons.id}/roles/change/",
        {"change": "appointed", "member": member_id(bob)},
    )
    assert response.status_code == 409
    assert access.maintainers(commons.id) == []


def test_the_rule_refuses_an_appointment_that_leaves_the_rules_out(alice, bob):
    commons = rules_led_commons(alice)
    written = HostileNode.of(alice).write(
        "work.role", _appointment(commons, member_id(bob)), deps=[commons.id]
    )
    assert written.status == "rejected"
    assert "rules in force" in written.reason
    assert access.maintainers(commons.id) == []


def test_the_rule_refuses_an_appointment_naming_older_founder_led_rules(alice, bob):
    commons = rules_led_commons(alice, mode="founder-led")
    old = access.rules_for(commons.id).rules_id
    actions.publish_rules(alice, commons.id, **FAST_RULES)  # now rules-led
    written = HostileNode.of(alice).write(
        "work.role", _appointment(commons, member_id(bob), rules=old),
        deps=sorted([commons.id, old]),
    )
    assert written.status == "rejected"
    assert access.maintainers(commons.id) == []


def test_the_founder_still_appoints_under_founder_led_rules(alice, bob):
    commons = rules_led_commons(alice, mode="founder-led")
    actions.appoint_maintainer(alice, commons.id, member_id(bob))
    assert [view.member_id for view in access.maintainers(commons.id)] == [member_id(bob)]
