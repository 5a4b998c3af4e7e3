"""Every peer-production page renders, for visitors and members, and a form works without
JavaScript."""

import pytest
from django.test import Client

from commoning.testing import PASSWORD
from commoning.work import access, actions
from commoning.work.tests.helpers import member_id, rules_led_commons


@pytest.fixture
def world(alice, bob, carol, dave, eve):
    commons = rules_led_commons(alice)
    task = actions.create_task(alice, commons.id, title="Calibrate the probe", kind="code")
    actions.claim_task(bob, task.id)
    contribution = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=90, description="Calibrated", task=task.id
    )
    actions.validate(carol, contribution.id, verdict="approve")
    actions.validate(dave, contribution.id, verdict="approve")
    artifact = actions.create_artifact(alice, commons.id, title="Guide", body="one\n")
    revision = actions.revise_artifact(
        bob, artifact.id, commons_id=commons.id, body="one\ntwo\n", note="Add two"
    )
    fork = actions.fork_commons(eve, commons.id, name="Fork", reason="Different goals")
    actions.create_task(alice, commons.id, title="Port the firmware", kind="code")
    return locals()


def test_it_renders_every_page(world, client):
    w = world
    pages = [
        f"/commons/{w['commons'].id}/",
        f"/work/commons/{w['commons'].id}/",
        f"/work/commons/{w['fork'].id}/",
        f"/work/tasks/{w['task'].id}/",
        f"/work/contributions/{w['contribution'].id}/",
        f"/work/commons/{w['commons'].id}/rules/",
        f"/work/commons/{w['commons'].id}/roles/",
        f"/work/members/{member_id(w['bob'])}/",
        f"/work/artifacts/{w['artifact'].id}/",
        f"/work/revisions/{w['revision'].id}/",
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert client.login(username="bob", password=PASSWORD)
    for page in [*pages, "/work/", f"/work/commons/{w['commons'].id}/contribute/"]:
        assert client.get(page).status_code == 200, page


def test_it_shows_why_a_contribution_is_validated(world, client):
    body = client.get(f"/work/contributions/{world['contribution'].id}/").content.decode()
    assert "validated" in body
    assert "2 of 2 approvals needed" in body


def test_it_matches_open_tasks_to_past_work(world):
    matches = access.matches_for(member_id(world["bob"]))
    assert [view.task.title for view, _ in matches] == ["Port the firmware"]
    assert "validated code" in matches[0][1]


def test_it_records_a_contribution_from_the_form(world):
    client = Client()
    assert client.login(username="carol", password=PASSWORD)
    response = client.post(
        f"/work/commons/{world['commons'].id}/contribute/",
        {
            "kind": "testing",
            "effort_minutes": "40",
            "description": "Field test",
            "evidence_url": "https://example.org/photos",
        },
    )
    assert response.status_code == 303
    assert access.contributions_in(world["commons"].id).filter(kind="testing").exists()


def test_a_login_that_is_no_member_sees_an_empty_work_page(db, client):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("operator", password=PASSWORD)
    client.force_login(user)
    assert client.get("/work/").status_code == 200
