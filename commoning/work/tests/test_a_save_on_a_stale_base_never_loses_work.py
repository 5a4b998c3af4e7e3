"""Two members edit the same version; the second save never erases the first silently. Changes
that do not overlap are merged and saved on top of the first; overlapping ones answer 409, save
nothing, and come back with both sides shown so the member can resolve them."""

import pytest

from commoning.log.models import Entry
from commoning.work import artifact_actions, versions
from commoning.work.artifact_actions import EditConflict
from commoning.work.tests.artifact_kit import api_client, web_client
from commoning.work.tests.helpers import rules_led_commons

V1 = "Title\nStep one\nStep two\nStep three\n"


@pytest.fixture
def guide(alice):
    commons = rules_led_commons(alice)
    artifact = artifact_actions.create_artifact(alice, commons.id, title="Build guide", body=V1)
    (first,) = versions.heads_of(artifact, commons.id)
    return commons, artifact, first


def _head_text(artifact, commons):
    (head,) = versions.heads_of(artifact, commons.id)
    return head, versions.body_of(head)


def test_it_merges_a_second_save_whose_changes_do_not_overlap(guide, alice, bob):
    commons, artifact, first = guide
    alice_saved = artifact_actions.revise_artifact(
        alice, artifact.id, commons_id=commons.id, base=first.id, note="Better title",
        body=V1.replace("Title", "Soil sensor build guide"),
    )
    # Bob loaded the first version too, and changes another line.
    artifact_actions.revise_artifact(
        bob, artifact.id, commons_id=commons.id, base=first.id, note="Fix step three",
        body=V1.replace("Step three", "Step three: solder the probe"),
    )
    head, text = _head_text(artifact, commons)
    assert text == "Soil sensor build guide\nStep one\nStep two\nStep three: solder the probe\n"
    assert head.parent_id == alice_saved.id  # on top of Alice's, not beside or over it
    assert "merged" in head.note


def test_it_refuses_an_overlapping_save_and_stores_nothing(guide, alice, bob):
    commons, artifact, first = guide
    alice_saved = artifact_actions.revise_artifact(
        alice, artifact.id, commons_id=commons.id, base=first.id, note="Detail step two",
        body=V1.replace("Step two", "Step two: cut the board"),
    )
    entries = Entry.objects.count()
    with pytest.raises(EditConflict) as raised:
        artifact_actions.revise_artifact(
            bob, artifact.id, commons_id=commons.id, base=first.id, note="Other step two",
            body=V1.replace("Step two", "Step two: drill the holes"),
        )
    assert Entry.objects.count() == entries
    assert raised.value.status == 409
    assert raised.value.head.id == alice_saved.id
    (region,) = raised.value.merge.conflicts
    assert region.theirs == ["Step two: cut the board"]
    assert region.yours == ["Step two: drill the holes"]
    assert _head_text(artifact, commons)[1] == V1.replace("Step two", "Step two: cut the board")


def test_it_refuses_to_save_text_that_still_holds_conflict_markers(guide, bob):
    commons, artifact, first = guide
    with pytest.raises(Exception, match="conflict markers"):
        artifact_actions.revise_artifact(
            bob, artifact.id, commons_id=commons.id, base=first.id, note="Oops",
            body="<<<<<<< saved meanwhile\na\n=======\nb\n>>>>>>> your version\n",
        )


def test_the_page_answers_409_with_both_sides_and_keeps_the_members_text(guide, alice, bob):
    commons, artifact, first = guide
    alice_saved = artifact_actions.revise_artifact(
        alice, artifact.id, commons_id=commons.id, base=first.id, note="Detail step two",
        body=V1.replace("Step two", "Step two: cut the board"),
    )
    url = f"/work/artifacts/{artifact.id}/?commons={commons.id}"
    page = web_client(bob).get(url).content.decode()
    assert f'name="base" value="{alice_saved.id}"' in page  # the form carries what it loaded
    entries = Entry.objects.count()
    bobs_text = V1.replace("Step two", "Step two: drill the holes")
    response = web_client(bob).post(
        url, {"base": first.id, "body": bobs_text, "note": "Other step two"}
    )
    assert response.status_code == 409
    assert Entry.objects.count() == entries
    html = response.content.decode()
    # The place is shown plainly, each side apart (and the form holds both between markers).
    assert "<pre>Step two: cut the board</pre>" in html
    assert "<pre>Step two: drill the holes</pre>" in html
    assert "Other step two" in html  # the note is kept
    form = response.context["form"]
    assert form["base"].value() == alice_saved.id  # saving again applies on the new version
    assert "Step two: drill the holes" in form["body"].value()
    # Bob resolves the place and saves again: it goes through, with both changes kept.
    resolved = V1.replace("Step two", "Step two: cut the board, then drill the holes")
    again = web_client(bob).post(url, {"base": alice_saved.id, "body": resolved, "note": "Both"})
    assert again.status_code == 303
    assert _head_text(artifact, commons)[1] == resolved


def test_the_api_answers_409_with_the_conflicts_and_stores_nothing(guide, alice, bob):
    commons, artifact, first = guide
    alice_saved = artifact_actions.revise_artifact(
        alice, artifact.id, commons_id=commons.id, base=first.id, note="Detail step two",
        body=V1.replace("Step two", "Step two: cut the board"),
    )
    entries = Entry.objects.count()
    response = api_client(bob).post(
        f"/api/work/artifacts/{artifact.id}/revisions",
        {"commons": commons.id, "base": first.id, "note": "Other",
         "body": V1.replace("Step two", "Step two: drill the holes")},
        content_type="application/json",
    )
    assert response.status_code == 409, response.content
    answer = response.json()
    assert answer["code"] == "conflict"
    assert answer["head"] == alice_saved.id
    assert answer["conflicts"][0]["theirs"] == ["Step two: cut the board"]
    assert answer["conflicts"][0]["yours"] == ["Step two: drill the holes"]
    assert "<<<<<<< saved meanwhile" in answer["merged"]
    assert Entry.objects.count() == entries


def test_the_api_merges_a_save_on_a_stale_base_that_does_not_overlap(guide, alice, bob):
    commons, artifact, first = guide
    artifact_actions.revise_artifact(
        alice, artifact.id, commons_id=commons.id, base=first.id, note="Title",
        body=V1.replace("Title", "Guide"),
    )
    response = api_client(bob).post(
        f"/api/work/artifacts/{artifact.id}/revisions",
        {"commons": commons.id, "base": first.id, "note": "Step three",
         "body": V1.replace("Step three", "Step 3")},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["body"] == "Guide\nStep one\nStep two\nStep 3\n"


def test_the_api_demands_the_base(guide, bob):
    commons, artifact, _first = guide
    response = api_client(bob).post(
        f"/api/work/artifacts/{artifact.id}/revisions",
        {"commons": commons.id, "note": "No base", "body": "Overwrite\n"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["field"] == "base"
