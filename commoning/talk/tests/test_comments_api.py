"""The API of conversation: post a comment (once, however often an Idempotency-Key retries
it), and list a subject's comments in keyed pages."""

from django.test import Client

from commoning.talk import actions
from commoning.talk.models import Comment
from commoning.talk.tests.kit import one_of_each
from commoning.work.tests.artifact_kit import api_client


def test_a_comment_posted_twice_with_one_idempotency_key_is_written_once(alice, bob):
    subjects = one_of_each(alice, bob)
    client = api_client(bob)
    payload = {"subject_id": subjects.task.id, "body": "I can take it @Alice"}
    answers = [client.post("/api/talk/comments", payload, content_type="application/json",
                           headers={"Idempotency-Key": "retry-1"}) for _ in range(2)]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert Comment.objects.count() == 1
    assert answers[0].json()["mentions"] and answers[0].json()["subject_kind"] == "task"


def test_a_subjects_comments_are_listed_newest_first_in_keyed_pages(alice, bob):
    subjects = one_of_each(alice, bob)
    posted = [actions.post_comment(bob, subjects.commons.id, body=f"Comment {n}").id
              for n in range(5)]
    actions.post_comment(bob, subjects.task.id, body="Elsewhere")
    url = f"/api/talk/subjects/{subjects.commons.id}/comments"
    first = Client().get(url, {"limit": 3}).json()
    second = Client().get(url, {"limit": 3, "cursor": first["next"]}).json()
    listed = [item["id"] for item in first["items"] + second["items"]]
    assert listed == posted[::-1]
    assert second["next"] is None
    assert first["items"][0]["body"] == "Comment 4"


def test_an_unknown_subject_or_a_forged_cursor_is_a_4xx(alice, bob):
    subjects = one_of_each(alice, bob)
    assert Client().get(f"/api/talk/subjects/{'0' * 64}/comments").status_code == 404
    forged = Client().get(f"/api/talk/subjects/{subjects.task.id}/comments", {"cursor": "x"})
    assert forged.status_code == 400
