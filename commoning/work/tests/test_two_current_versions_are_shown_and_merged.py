"""When revisions saved on different nodes from the same version meet, the artifact has two
current versions: the page says so and offers to merge them; a merge names both, and leaves one
current version. A merge of versions that are no longer current is refused (409)."""

import pytest

from commoning.log.append import store_attachment
from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.work import artifact_actions, versions
from commoning.work.tests.artifact_kit import api_client, web_client
from commoning.work.tests.helpers import rules_led_commons

V1 = "Title\nStep one\nStep two\n"


def _from_a_peer(user, commons, artifact, parent, body: str, note: str):
    """A revision written on another node (with its text, as sync fetches attachments)."""
    att = store_attachment(body.encode())
    data = {"artifact": artifact.id, "commons": commons.id, "parent": parent.id, "note": note}
    written = HostileNode.of(user).write(
        "work.revision", data, deps=[artifact.id, commons.id, parent.id], att=att
    )
    assert written.applied, written.reason
    return written


@pytest.fixture
def diverged(alice, bob):
    commons = rules_led_commons(alice)
    artifact = artifact_actions.create_artifact(alice, commons.id, title="Guide", body=V1)
    (first,) = versions.heads_of(artifact, commons.id)
    artifact_actions.revise_artifact(
        alice, artifact.id, commons_id=commons.id, base=first.id, note="Title",
        body=V1.replace("Title", "Build guide"),
    )
    _from_a_peer(bob, commons, artifact, first, V1.replace("Step two", "Step 2"), "Step 2")
    return commons, artifact


def test_the_page_says_there_are_two_current_versions_and_offers_a_merge(diverged, alice):
    commons, artifact = diverged
    page = web_client(alice).get(f"/work/artifacts/{artifact.id}/?commons={commons.id}")
    html = page.content.decode()
    assert "There are 2 current versions" in html
    assert f"/work/artifacts/{artifact.id}/merge/" in html


def test_a_member_merges_them_into_one_version_through_the_page(diverged, alice):
    commons, artifact = diverged
    newer, older = versions.heads_of(artifact, commons.id)
    url = f"/work/artifacts/{artifact.id}/merge/?commons={commons.id}"
    form = web_client(alice).get(url).context["form"]
    assert form["body"].value() == "Build guide\nStep one\nStep 2\n"  # both, nothing overlaps
    response = web_client(alice).post(url, {
        "parent": newer.id, "merged": older.id, "body": form["body"].value(), "note": "Merge",
    })
    assert response.status_code == 303
    (head,) = versions.heads_of(artifact, commons.id)
    assert (head.parent_id, head.merged_id) == (newer.id, older.id)
    assert versions.body_of(head) == "Build guide\nStep one\nStep 2\n"
    # The same merge again: one current version is left, so the page says there is nothing to
    # merge and stores nothing (the action itself answers 409: see the API test).
    entries = Entry.objects.count()
    again = web_client(alice).post(url, {
        "parent": newer.id, "merged": older.id, "body": "Other\n", "note": "Merge",
    })
    assert again.status_code == 303
    assert Entry.objects.count() == entries


def test_the_merge_page_shows_overlapping_changes_and_refuses_their_markers(alice, bob):
    commons = rules_led_commons(alice)
    artifact = artifact_actions.create_artifact(alice, commons.id, title="Guide", body=V1)
    (first,) = versions.heads_of(artifact, commons.id)
    artifact_actions.revise_artifact(
        alice, artifact.id, commons_id=commons.id, base=first.id, note="A",
        body=V1.replace("Step two", "Step two: cut"),
    )
    _from_a_peer(bob, commons, artifact, first, V1.replace("Step two", "Step two: drill"), "B")
    newer, older = versions.heads_of(artifact, commons.id)
    url = f"/work/artifacts/{artifact.id}/merge/?commons={commons.id}"
    page = web_client(alice).get(url)
    assert "1 place needs your choice" in page.content.decode()
    marked = page.context["form"]["body"].value()
    entries = Entry.objects.count()
    response = web_client(alice).post(
        url, {"parent": newer.id, "merged": older.id, "body": marked, "note": "Merge"}
    )
    assert response.status_code == 400
    assert "conflict markers" in response.content.decode()
    assert Entry.objects.count() == entries


def test_the_api_lists_both_current_versions_and_merges_them(diverged, alice):
    commons, artifact = diverged
    api = api_client(alice)
    shown = api.get(f"/api/work/artifacts/{artifact.id}?commons={commons.id}").json()
    assert len(shown["heads"]) == 2
    newer, older = (head["id"] for head in shown["heads"])
    body = {"commons": commons.id, "parent": newer, "merged": older,
            "body": "Build guide\nStep one\nStep 2\n", "note": "Merge"}
    merged = api.post(f"/api/work/artifacts/{artifact.id}/merges", body,
                      content_type="application/json")
    assert merged.status_code == 201, merged.content
    assert merged.json()["merged_id"] == older
    shown = api.get(f"/api/work/artifacts/{artifact.id}?commons={commons.id}").json()
    assert [head["id"] for head in shown["heads"]] == [merged.json()["id"]]
    again = api.post(f"/api/work/artifacts/{artifact.id}/merges", body,
                     content_type="application/json")
    assert again.status_code == 409
