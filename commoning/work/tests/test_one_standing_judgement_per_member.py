"""One standing judgement per member per contribution: a member's later judgement replaces
their earlier one, so nobody can both approve and object and have both stand (finding 5)."""

from django.test import Client

from commoning.testing import PASSWORD, HostileNode
from commoning.work import access, actions
from commoning.work.tests.helpers import rules_led_commons


def _work(alice, bob):
    commons = rules_led_commons(alice)
    return actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=30, description="Wired the probe"
    )


def test_it_lets_a_later_objection_replace_an_approval_through_the_web(alice, bob, carol, dave):
    work = _work(alice, bob)
    actions.validate(dave, work.id, verdict="approve")
    client = Client()
    client.login(username="carol", password=PASSWORD)
    url = f"/work/contributions/{work.id}/validate/"
    assert client.post(url, {"verdict": "approve"}).status_code == 303
    assert access.verdict(access.get_contribution(work.net, work.id)).state == "validated"
    assert client.post(url, {"verdict": "object", "reason": "It drifts"}).status_code == 303
    shown = access.get_contribution(work.net, work.id)
    assert (shown.approvals, shown.standing_objections) == (1, 1)
    page = client.get(f"/work/contributions/{work.id}/").content.decode()
    assert "replaced by a later judgement" in page
    assert "You objected to this version. A new judgement replaces it." in page


def test_it_refuses_the_same_judgement_twice_for_one_version(alice, bob, carol):
    work = _work(alice, bob)
    client = Client()
    client.login(username="carol", password=PASSWORD)
    url = f"/work/contributions/{work.id}/validate/"
    assert client.post(url, {"verdict": "approve"}).status_code == 303
    again = client.post(url, {"verdict": "approve"})
    assert again.status_code == 409
    assert "You already approved this version." in again.content.decode()


def test_it_counts_only_the_latest_of_a_hostile_members_judgements(alice, bob, carol, dave):
    work = _work(alice, bob)
    actions.validate(dave, work.id, verdict="approve")
    mallory = HostileNode.of(carol)
    approval = mallory.write(
        "work.validation",
        {"contribution": work.id, "verdict": "approve", "version": work.id},
        deps=[work.id],
    )
    objection = mallory.write(
        "work.validation",
        {"contribution": work.id, "verdict": "object", "reason": "no", "version": work.id},
        deps=[work.id],
    )
    assert approval.applied and objection.applied
    shown = access.get_contribution(work.net, work.id)
    # Carol's objection replaced her approval: one approval (Dave's) and one objection stand.
    assert (shown.approvals, shown.standing_objections) == (1, 1)
    assert access.verdict(shown).state == "objected"


def test_it_orders_a_members_judgements_by_their_own_clock_not_by_arrival(
    alice, bob, carol, dave
):
    work = _work(alice, bob)
    actions.validate(dave, work.id, verdict="approve")
    mallory = HostileNode.of(carol)
    first = mallory.entry(
        "work.validation",
        {"contribution": work.id, "verdict": "object", "reason": "no", "version": work.id},
        deps=[work.id],
    )
    second = mallory.entry(
        "work.validation",
        {"contribution": work.id, "verdict": "approve", "version": work.id},
        deps=[work.id],
        after=first,
    )
    # The later one arrives first and waits for its predecessor on Carol's feed.
    HostileNode.deliver(second)
    HostileNode.deliver(first)
    shown = access.get_contribution(work.net, work.id)
    assert (shown.approvals, shown.standing_objections) == (2, 0)


def test_a_withdrawn_latest_judgement_leaves_nothing_standing(alice, bob, carol):
    work = _work(alice, bob)
    actions.validate(carol, work.id, verdict="approve")
    objection = actions.validate(carol, work.id, verdict="object", reason="Found a bug")
    actions.withdraw_validation(carol, objection)
    shown = access.get_contribution(work.net, work.id)
    assert (shown.approvals, shown.standing_objections) == (0, 0)
