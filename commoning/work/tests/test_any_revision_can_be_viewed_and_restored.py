"""Every revision stays readable (history a page at a time, a page per revision with its text
and diff), and any old one can be restored: a new revision carrying its text, on top of the
current one, never a rewrite of history. Through the pages and through the API."""

import pytest
from django.test import Client

from commoning.log.models import Entry
from commoning.work import artifact_actions, versions
from commoning.work.models import Revision
from commoning.work.tests.artifact_kit import api_client, web_client
from commoning.work.tests.helpers import rules_led_commons


@pytest.fixture
def guide(alice, bob):
    commons = rules_led_commons(alice)
    artifact = artifact_actions.create_artifact(alice, commons.id, title="Guide", body="one\n")
    second = artifact_actions.revise_artifact(
        bob, artifact.id, commons_id=commons.id, body="one\ntwo\n", note="Add two"
    )
    third = artifact_actions.revise_artifact(
        bob, artifact.id, commons_id=commons.id, body="one\ntwo\nthree\n", note="Add three"
    )
    return commons, artifact, second, third


def test_the_history_is_served_a_page_at_a_time(alice):
    commons = rules_led_commons(alice)
    artifact = artifact_actions.create_artifact(alice, commons.id, title="Log", body="0\n")
    for number in range(1, 25):
        artifact_actions.revise_artifact(
            alice, artifact.id, commons_id=commons.id, body=f"{number}\n", note=f"Edit {number}"
        )
    url = f"/work/artifacts/{artifact.id}/history/?commons={commons.id}"
    first = Client().get(url)
    assert first.status_code == 200
    assert len(first.context["revisions"]) == versions.HISTORY_PAGE
    assert first.context["revisions"][0].note == "Edit 24"
    older = first.context["older"]
    second = Client().get(url + "&before=" + older)
    notes = [r.note for r in second.context["revisions"]]
    assert notes == ["Edit 4", "Edit 3", "Edit 2", "Edit 1", "First version"]
    assert second.context["older"] == ""
    listed = api_client(alice).get(
        f"/api/work/artifacts/{artifact.id}/revisions?commons={commons.id}&limit=5"
    ).json()
    assert len(listed["items"]) == 5 and listed["next"]
    assert [r["note"] for r in listed["items"]][:2] == ["Edit 24", "Edit 23"]


def test_a_revision_page_shows_its_text_author_note_and_diff(guide):
    _commons, _artifact, second, _third = guide
    page = Client().get(f"/work/revisions/{second.id}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Add two" in html and "Bob" in html
    assert page.context["body"] == "one\ntwo\n"
    assert "+two" in page.context["diff"]


def test_a_member_restores_an_old_version_through_the_page(guide, alice):
    commons, artifact, second, third = guide
    page = web_client(alice).get(f"/work/revisions/{second.id}/?commons={commons.id}")
    assert "Restore this version" in page.content.decode()
    revisions_before = Revision.objects.filter(artifact_id=artifact.id).count()
    response = web_client(alice).post(
        f"/work/revisions/{second.id}/restore/", {"commons": commons.id, "base": third.id}
    )
    assert response.status_code == 303
    (head,) = versions.heads_of(artifact, commons.id)
    assert versions.body_of(head) == "one\ntwo\n"
    assert (head.parent_id, head.restored_id) == (third.id, second.id)
    assert "Add two" in head.note
    # History is kept whole: the restore is one more revision.
    assert Revision.objects.filter(artifact_id=artifact.id).count() == revisions_before + 1


def test_a_restore_on_a_version_no_longer_current_is_refused(guide, alice, bob):
    commons, artifact, second, third = guide
    artifact_actions.revise_artifact(
        bob, artifact.id, commons_id=commons.id, base=third.id, body="four\n", note="Four"
    )
    entries = Entry.objects.count()
    response = web_client(alice).post(
        f"/work/revisions/{second.id}/restore/", {"commons": commons.id, "base": third.id}
    )
    assert response.status_code == 409
    assert Entry.objects.count() == entries


def test_the_api_shows_a_revision_and_restores_it(guide, alice):
    commons, _artifact, second, third = guide
    api = api_client(alice)
    shown = api.get(f"/api/work/revisions/{second.id}").json()
    assert shown["body"] == "one\ntwo\n"
    assert "+two" in shown["diff"]
    restored = api.post(
        f"/api/work/revisions/{second.id}/restore",
        {"commons": commons.id, "base": third.id},
        content_type="application/json",
    )
    assert restored.status_code == 201, restored.content
    assert restored.json()["restored_id"] == second.id
    assert restored.json()["body"] == "one\ntwo\n"
    stale = api.post(
        f"/api/work/revisions/{second.id}/restore",
        {"commons": commons.id, "base": third.id},
        content_type="application/json",
    )
    assert stale.status_code == 409
