"""The one thread piece on the commons, task, contribution and artifact pages: a comment posted
without JavaScript comes back to its page (post/redirect/get), replies sit under their comment,
and Markdown in it is rendered safely."""

import re

import pytest
from django.test import Client

from commoning.talk.models import Comment
from commoning.talk.tests.kit import one_of_each
from commoning.work.tests.artifact_kit import web_client


@pytest.mark.parametrize("kind", ["commons", "task", "contribution", "artifact"])
def test_a_comment_posted_on_a_page_comes_back_to_that_page(alice, bob, kind):
    subjects = one_of_each(alice, bob)
    subject_id = subjects.all()[kind]
    client = web_client(bob)
    page = client.get(f"/talk/{subject_id}/comments/")
    # A reload of the form's address goes back to the page it belongs to (post/redirect/get).
    assert page.status_code == 303
    response = client.post(f"/talk/{subject_id}/comments/", {"body": f"A *word* on this {kind}"})
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.id}")
    shown = client.get(response["Location"].split("#")[0])
    assert shown.status_code == 200
    html = shown.content.decode()
    assert f'id="comment-{comment.id}"' in html
    assert f"A <em>word</em> on this {kind}" in html
    assert 'id="comment-form"' in html


def test_replies_sit_under_their_comment_and_visitors_see_the_thread(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    url = f"/work/contributions/{subjects.contribution.id}/"
    web_client(carol).post(f"/talk/{subjects.contribution.id}/comments/", {"body": "First"})
    first = Comment.objects.get()
    web_client(bob).post(f"/talk/{subjects.contribution.id}/comments/",
                         {"body": "An answer", "parent": first.id})
    html = Client().get(url).content.decode()
    thread = html[html.index('id="talk"'):]
    replies = thread[thread.index('class="replies"'):]
    assert "An answer" in replies
    assert "Log in to join the conversation" in html
    assert 'id="comment-form"' not in html


def test_older_threads_are_on_a_keyed_page(alice, bob):
    from commoning.talk import actions
    from commoning.talk.access import THREADS_PER_PAGE

    subjects = one_of_each(alice, bob)
    for number in range(THREADS_PER_PAGE + 2):
        actions.post_comment(bob, subjects.task.id, body=f"Note number {number}")
    client = web_client(bob)
    first = client.get(f"/work/tasks/{subjects.task.id}/").content.decode()
    assert f"Note number {THREADS_PER_PAGE + 1}" in first
    assert "Note number 0<" not in first
    older = re.search(r'href="\?comments=([^"#]+)#talk"', first).group(1)
    second = client.get(f"/work/tasks/{subjects.task.id}/?comments={older}").content.decode()
    assert "Note number 0<" in second
    assert f"Note number {THREADS_PER_PAGE + 1}" not in second
