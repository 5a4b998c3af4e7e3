"""A refused form on a peer-production page comes back where it was: the member's input kept,
the message beside the field it concerns (at the form's top when no field is to blame) and the
refusal's 4xx, with nothing written to the log."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from commoning.front.tests.in_place import RefusedForm
from commoning.log.models import Entry
from commoning.testing import PASSWORD
from commoning.work import access, actions, role_actions
from commoning.work.tests.helpers import member_id, rules_led_commons


@pytest.fixture
def setting(alice, bob, carol):
    commons = rules_led_commons(alice)
    task = actions.create_task(alice, commons.id, title="Solder the boards", kind="code")
    bobs = actions.record_contribution(
        bob, commons.id, kind="code", effort_minutes=60, description="Soldered ten boards"
    )
    return SimpleNamespace(commons=commons, task=task, bobs=bobs)


def _web(username):
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


@pytest.fixture
def entries_unchanged(db):
    before = Entry.objects.count()
    yield
    assert Entry.objects.count() == before


def test_it_keeps_an_objection_and_asks_for_its_reason_beside_the_reason(
    setting, entries_unchanged
):
    url = f"/work/contributions/{setting.bobs.id}/validate/"
    response = _web("carol").post(url, {"verdict": "object", "reason": ""})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Soldered ten boards" in page  # the contribution's own page, not a dead end
    form = RefusedForm(page, url)
    assert form.errors_beside("reason")
    assert form.fields_with_errors() == {"reason"}
    assert form.values["verdict"] == "object"


def test_it_says_at_the_top_of_the_form_why_nobody_judges_their_own_work(
    setting, entries_unchanged
):
    url = f"/work/contributions/{setting.bobs.id}/validate/"
    response = _web("bob").post(url, {"verdict": "approve", "reason": "Great"})

    assert response.status_code == 403
    form = RefusedForm(response.content.decode(), url)
    assert form.errors_at_top() and not form.fields_with_errors()
    assert form.values["reason"] == "Great"


def test_it_keeps_a_hide_reason_and_asks_for_the_tick_beside_it(setting, entries_unchanged):
    url = f"/work/contributions/{setting.bobs.id}/hide/"
    response = _web("alice").post(url, {"reason": "A link to a shop"})

    assert response.status_code == 400
    form = RefusedForm(response.content.decode(), url)
    assert form.fields_with_errors() == {"confirm"}
    assert form.values["reason"] == "A link to a shop"
    assert not access.get_contribution(setting.commons.net, setting.bobs.id).hidden


def test_it_refuses_an_empty_evidence_file_beside_the_file_field(setting, entries_unchanged):
    url = f"/work/contributions/{setting.bobs.id}/evidence/"
    empty = SimpleUploadedFile("notes.txt", b"", content_type="text/plain")
    response = _web("bob").post(url, {"file": empty})

    assert response.status_code == 400
    assert RefusedForm(response.content.decode(), url).fields_with_errors() == {"file"}


def test_it_shows_a_refused_claim_on_the_task_page(setting, bob):
    actions.claim_task(bob, setting.task.id)
    before = Entry.objects.count()
    response = _web("bob").post(f"/work/tasks/{setting.task.id}/claim/")

    assert response.status_code == 409
    page = response.content.decode()
    assert "Solder the boards" in page and 'id="task-refusal"' in page
    assert Entry.objects.count() == before


def test_it_keeps_a_claim_released_without_the_tick(setting, bob):
    actions.claim_task(bob, setting.task.id)
    url = f"/work/tasks/{setting.task.id}/unclaim/"
    response = _web("bob").post(url)

    assert response.status_code == 400
    assert RefusedForm(response.content.decode(), url).fields_with_errors() == {"confirm"}
    assert member_id(bob) in access.task_view(setting.task).holder_ids


def test_it_refuses_a_kind_the_commons_does_not_use_beside_the_kind(setting, entries_unchanged):
    url = f"/work/commons/{setting.commons.id}/tasks/new/"
    response = _web("alice").post(
        url, {"title": "Feed the volunteers", "kind": "care", "description": "Soup"}
    )

    assert response.status_code == 400
    form = RefusedForm(response.content.decode())
    assert form.fields_with_errors() == {"kind"}
    assert (form.values["title"], form.values["description"]) == ("Feed the volunteers", "Soup")


def test_it_keeps_a_contribution_whose_effort_is_out_of_bounds(setting, entries_unchanged):
    url = f"/work/commons/{setting.commons.id}/contribute/"
    response = _web("carol").post(
        url, {"kind": "testing", "effort_minutes": "0", "description": "Tested the boards"}
    )

    assert response.status_code == 400
    form = RefusedForm(response.content.decode())
    assert form.fields_with_errors() == {"effort_minutes"}
    assert form.values["description"] == "Tested the boards"


def test_it_keeps_a_recall_reason_and_asks_for_the_tick_beside_it(alice, bob):
    commons = rules_led_commons(alice, mode="founder-led")
    role_actions.appoint_maintainer(alice, commons.id, member_id(bob))
    before = Entry.objects.count()
    url = f"/work/commons/{commons.id}/roles/change/"
    response = _web("alice").post(
        url, {"change": "recall", "member": member_id(bob), "reason": "Stepped back"}
    )

    assert response.status_code == 400
    form = RefusedForm(response.content.decode(), url)
    assert form.fields_with_errors() == {"confirm"}
    assert form.values["reason"] == "Stepped back"
    assert Entry.objects.count() == before
