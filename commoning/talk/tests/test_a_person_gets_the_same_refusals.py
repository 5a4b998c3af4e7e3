"""The refusals of the comment rule, met as a person through the pages and the API: each comes
back as a 4xx with the reason beside the field and the text kept, and nothing is written."""

from django.test import Client

from commoning.talk.actions import BODY_MAX_CHARS
from commoning.talk.models import Comment, Mention
from commoning.talk.tests.kit import one_of_each, other_network_commons
from commoning.work.tests.artifact_kit import api_client, web_client


def test_a_body_over_the_limit_comes_back_beside_the_field_with_the_text_kept(alice, bob):
    subjects = one_of_each(alice, bob)
    text = "long words " * (BODY_MAX_CHARS // 5)
    response = web_client(bob).post(f"/talk/{subjects.commons.id}/comments/", {"body": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error"' in page
    assert "long words long words" in page  # the text is kept in the form
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_on_another_subject_is_refused_beside_the_field(alice, bob):
    subjects = one_of_each(alice, bob)
    client = web_client(bob)
    client.post(f"/talk/{subjects.task.id}/comments/", {"body": "On the task"})
    on_task = Comment.objects.get()
    response = client.post(f"/talk/{subjects.commons.id}/comments/",
                           {"body": "Answer here", "parent": on_task.id})
    assert response.status_code == 400
    assert "not in this thread" in response.content.decode()
    assert "Answer here" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_comment_on_a_subject_of_another_network_is_not_found(alice, bob):
    one_of_each(alice, bob)
    far_commons, _zed = other_network_commons()
    response = web_client(bob).post(f"/talk/{far_commons.id}/comments/", {"body": "Hello"})
    assert response.status_code == 404
    api = api_client(bob).post("/api/talk/comments", {"subject_id": far_commons.id,
                                                      "body": "Hello"},
                               content_type="application/json")
    assert api.status_code == 404
    assert not Comment.objects.exists()


def test_a_visitor_who_is_not_logged_in_cannot_comment(alice, bob):
    subjects = one_of_each(alice, bob)
    response = Client().post(f"/talk/{subjects.commons.id}/comments/", {"body": "Hi"})
    assert response.status_code == 302  # Django's login redirect
    assert "/login/" in response["Location"]
    assert not Comment.objects.exists()


def test_a_name_that_is_no_member_is_left_as_plain_text(alice, bob):
    subjects = one_of_each(alice, bob)
    response = web_client(bob).post(f"/talk/{subjects.commons.id}/comments/",
                                    {"body": "Thanks @nobody and @alice."})
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert list(Mention.objects.filter(comment_id=comment.id).values_list("member_id", flat=True)) \
        == [comment_author_of(alice)]


def comment_author_of(user):
    from commoning.work.tests.helpers import member_id

    return member_id(user)
