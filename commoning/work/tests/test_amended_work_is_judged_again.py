"""Judgements bind to the version they judged: amending what is judged re-opens validation, so
validated work cannot be inflated afterwards (finding 1)."""

from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.accounts.models import DeviceKey
from commoning.testing import PASSWORD, HostileNode
from commoning.work import access, actions
from commoning.work.tests.helpers import member_id, rules_led_commons


def _api(user):
    _row, token = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {token}"})


def _validated_work(alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=5, description="Fixed a typo"
    )
    actions.validate(carol, work.id, verdict="approve")
    actions.validate(dave, work.id, verdict="approve")
    assert access.verdict(access.get_contribution(work.net, work.id)).state == "validated"
    return commons, work


def test_it_reopens_judgement_when_the_author_inflates_validated_work_through_the_api(
    alice, bob, carol, dave
):
    _commons, work = _validated_work(alice, bob, carol, dave)
    response = _api(bob).patch(
        f"/api/work/contributions/{work.id}",
        {"effort_minutes": 100_000, "description": "Rewrote the whole firmware"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.json()
    shown = response.json()
    assert shown["state"] == "pending"
    assert shown["approvals"] == 0
    assert shown["version"] != work.id
    reputation = Client().get(f"/api/work/members/{member_id(bob)}/reputation").json()
    assert reputation["effort_minutes"] == 0
    judgements = Client().get(f"/api/work/contributions/{work.id}/validations").json()["items"]
    assert [j["standing"] for j in judgements] == [False, False]


def test_it_asks_an_approver_to_approve_the_changed_version_again(alice, bob, carol, dave):
    _commons, work = _validated_work(alice, bob, carol, dave)
    actions.amend_contribution(bob, work.id, effort_minutes=600)
    client = Client()
    client.login(username="carol", password=PASSWORD)
    page = client.get(f"/work/contributions/{work.id}/").content.decode()
    assert "changed since you approved it; approve again?" in page
    assert "of an earlier version; it no longer counts" in page
    response = client.post(f"/work/contributions/{work.id}/validate/", {"verdict": "approve"})
    assert response.status_code == 303
    amended = access.get_contribution(work.net, work.id)
    assert amended.approvals == 1
    assert "approve again?" not in client.get(f"/work/contributions/{work.id}/").content.decode()


def test_it_reopens_judgement_when_a_hostile_author_amends_directly(alice, bob, carol, dave):
    _commons, work = _validated_work(alice, bob, carol, dave)
    written = HostileNode.of(bob).write(
        "work.amend", {"contribution": work.id, "effort_minutes": 100_000}, deps=[work.id]
    )
    assert written.applied, written.reason
    amended = access.get_contribution(work.net, work.id)
    assert amended.effort_minutes == 100_000
    assert access.verdict(amended).state == "pending"
    assert access.reputation(member_id(bob))["effort_minutes"] == 0


def test_it_refuses_a_judgement_naming_a_version_of_another_contribution(
    alice, bob, carol, dave
):
    commons, work = _validated_work(alice, bob, carol, dave)
    other = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=5, description="Another"
    )
    written = HostileNode.of(carol).write(
        "work.validation",
        {"contribution": other.id, "verdict": "approve", "version": work.id},
        deps=sorted([other.id, work.id]),
    )
    assert written.status == "rejected"
    assert "not a version of this contribution" in written.reason


def test_it_counts_an_old_judgement_without_a_version_for_the_first_version_only(
    alice, bob, carol, dave
):
    commons = rules_led_commons(alice)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=5, description="Fixed a typo"
    )
    for judge in (carol, dave):  # entries from before versions: they name no version
        written = HostileNode.of(judge).write(
            "work.validation", {"contribution": work.id, "verdict": "approve"}, deps=[work.id]
        )
        assert written.applied, written.reason
    assert access.get_contribution(work.net, work.id).approvals == 2
    actions.amend_contribution(bob, work.id, kind="design")
    assert access.get_contribution(work.net, work.id).approvals == 0


def test_it_refuses_an_amendment_from_another_device_key(alice, bob):
    commons = rules_led_commons(alice)
    work = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=5, description="Fixed a typo"
    )
    # Bob's second device: no action adds one yet, so an admitted key's projection row is
    # pointed at Bob, standing in for the identity entry that would list it.
    other_key = HostileNode.newcomer(work.net)
    assert other_key.identity("Bob's phone").applied
    DeviceKey.objects.filter(net=work.net, public_key=other_key.public_hex).update(
        member_id=member_id(bob))
    written = other_key.write(
        "work.amend", {"contribution": work.id, "effort_minutes": 9}, deps=[work.id]
    )
    assert written.status == "rejected"
    assert "device key that recorded it" in written.reason
