"""Eve cannot validate her own contribution, claim for someone else, or edit another's
contribution: not through actions, the API or the web pages (4xx, nothing changed), and a
crafted entry saying so is refused by the domain rule."""

import orjson
import pytest
from django.test import Client

from commoning.accounts.access import signing_key_for
from commoning.accounts.actions import create_api_token
from commoning.log.append import append
from commoning.log.models import Entry
from commoning.log.projection import state_hash
from commoning.log.registry import Forbidden
from commoning.testing import PASSWORD
from commoning.work import actions
from commoning.work.tests.helpers import member_id, rules_led_commons


@pytest.fixture
def setting(alice, bob, eve):
    commons = rules_led_commons(alice)
    task = actions.create_task(alice, commons.id, title="Solder the boards", kind="code")
    bobs = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=60, description="Soldered ten boards"
    )
    eves = actions.record_contribution(
        eve, commons.id, kind="testing", effort_minutes=30, description="Tested the boards"
    )
    return {"commons": commons, "task": task, "bobs": bobs, "eves": eves}


def _unchanged(test):
    before = (Entry.objects.count(), state_hash())
    test()
    assert (Entry.objects.count(), state_hash()) == before


def _api(user):
    _row, token = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {token}"})


def _web(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_eve_cannot_validate_her_own_contribution(setting, eve):
    eves = setting["eves"]

    def via_action():
        with pytest.raises(Forbidden):
            actions.validate(eve, eves.id, verdict="approve")

    def via_api():
        response = _api(eve).post(
            f"/api/work/contributions/{eves.id}/validations",
            {"verdict": "approve"},
            content_type="application/json",
        )
        assert response.status_code == 403
        assert response.json()["code"] == "forbidden"

    def via_web():
        response = _web("eve").post(
            f"/work/contributions/{eves.id}/validate/", {"verdict": "approve", "reason": ""}
        )
        assert response.status_code == 403

    for attempt in (via_action, via_api, via_web):
        _unchanged(attempt)


def test_eve_cannot_claim_a_task_for_someone_else(setting, eve, bob):
    task, bob_id = setting["task"], member_id(bob)

    def via_action():
        with pytest.raises(Forbidden):
            actions.claim_task(eve, task.id, member=bob_id)

    def via_api():
        response = _api(eve).post(
            f"/api/work/tasks/{task.id}/claim", {"member": bob_id}, content_type="application/json"
        )
        assert response.status_code == 403

    def via_web():
        response = _web("eve").post(f"/work/tasks/{task.id}/claim/", {"member": bob_id})
        assert response.status_code == 403

    def via_crafted_entry():
        account, key = signing_key_for(eve)
        with pytest.raises(Forbidden):
            append(
                key,
                net=account.net,
                type="work.claim",
                data={"task": task.id, "member": bob_id},
                deps=[task.id],
            )

    for attempt in (via_action, via_api, via_web, via_crafted_entry):
        _unchanged(attempt)


def test_eve_cannot_edit_another_members_contribution(setting, eve):
    bobs = setting["bobs"]

    def via_action():
        with pytest.raises(Forbidden):
            actions.amend_contribution(eve, bobs.id, effort_minutes=1)

    def via_api():
        response = _api(eve).patch(
            f"/api/work/contributions/{bobs.id}",
            orjson.dumps({"effort_minutes": 1}),
            content_type="application/json",
        )
        assert response.status_code == 403

    def via_web():
        client = _web("eve")
        assert client.get(f"/work/contributions/{bobs.id}/edit/").status_code == 403
        response = client.post(
            f"/work/contributions/{bobs.id}/edit/",
            {"kind": "code", "effort_minutes": 1, "description": "mine now"},
        )
        assert response.status_code == 403

    def via_crafted_entry():
        account, key = signing_key_for(eve)
        with pytest.raises(Forbidden):
            append(
                key,
                net=account.net,
                type="work.amend",
                data={"contribution": bobs.id, "effort_minutes": 1},
                deps=[bobs.id],
            )

    for attempt in (via_action, via_api, via_web, via_crafted_entry):
        _unchanged(attempt)


def test_eve_cannot_hide_or_settle_without_a_role(setting, eve, carol):
    bobs = setting["bobs"]
    objection = actions.validate(carol, bobs.id, verdict="object", reason="No photos")

    def via_actions():
        with pytest.raises(Forbidden):
            actions.hide_contribution(eve, bobs.id, reason="spam")
        with pytest.raises(Forbidden):
            actions.settle_objection(eve, objection, reason="fine")

    def via_api():
        client = _api(eve)
        assert (
            client.post(
                f"/api/work/contributions/{bobs.id}/hide",
                {"reason": "spam"},
                content_type="application/json",
            ).status_code
            == 403
        )
        assert (
            client.post(
                f"/api/work/validations/{objection}/settle",
                {"reason": "ok"},
                content_type="application/json",
            ).status_code
            == 403
        )

    for attempt in (via_actions, via_api):
        _unchanged(attempt)


def test_a_claimed_task_cannot_be_taken(setting, bob, eve):
    task = setting["task"]
    actions.claim_task(bob, task.id)

    def via_api():
        response = _api(eve).post(
            f"/api/work/tasks/{task.id}/claim", {}, content_type="application/json"
        )
        assert response.status_code == 409

    _unchanged(via_api)
