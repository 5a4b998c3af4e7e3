"""A comment's author may edit it (last writer wins) or withdraw it; nobody else may, whether
through the pages or by writing `talk.edit` and `talk.retract` entries directly."""

from commoning.log.append import store_attachment
from commoning.notify.tests.kit import texts
from commoning.talk import actions
from commoning.talk.access import decorate
from commoning.talk.models import Comment
from commoning.talk.tests.kit import one_of_each
from commoning.testing import HostileNode
from commoning.work.tests.artifact_kit import web_client


def test_the_author_edits_and_withdraws_through_the_page(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    comment = actions.post_comment(carol, subjects.contribution.id, body="Frist!")
    client = web_client(carol)
    edit_url = f"/talk/comments/{comment.id}/edit/"
    page = client.get(f"/work/contributions/{subjects.contribution.id}/").content.decode()
    assert edit_url in page
    response = client.post(edit_url, {"body": "First, and well done."})
    assert response.status_code == 303
    assert decorate([Comment.objects.get(id=comment.id)])[0].body == "First, and well done."
    assert texts(bob) == ["Carol commented on your contribution."]
    response = client.post(f"/talk/comments/{comment.id}/retract/")
    assert response.status_code == 303
    page = client.get(f"/work/contributions/{subjects.contribution.id}/").content.decode()
    assert "Withdrawn by its author." in page and "well done" not in page
    assert texts(bob) == []  # a withdrawn comment tells nobody


def test_someone_else_gets_a_403_and_nothing_changes(alice, bob, carol, eve):
    subjects = one_of_each(alice, bob)
    comment = actions.post_comment(carol, subjects.contribution.id, body="Mine")
    client = web_client(eve)
    assert client.get(f"/talk/comments/{comment.id}/edit/").status_code == 403
    assert client.post(f"/talk/comments/{comment.id}/edit/", {"body": "Eve's"}).status_code == 403
    assert client.post(f"/talk/comments/{comment.id}/retract/").status_code == 403
    unchanged = Comment.objects.get(id=comment.id)
    assert unchanged.body_hash == comment.body_hash and not unchanged.retracted


def test_a_hostile_node_cannot_edit_or_withdraw_someone_elses_comment(alice, bob, carol, eve):
    subjects = one_of_each(alice, bob)
    comment = actions.post_comment(carol, subjects.contribution.id, body="Mine")
    eve_node = HostileNode.of(eve)
    edit = eve_node.write("talk.edit", {"comment": comment.id}, deps=[comment.id],
                          att=store_attachment(b"Eve was here"))
    retract = eve_node.write("talk.retract", {"comment": comment.id}, deps=[comment.id])
    assert edit.status == "rejected" and "only its author" in edit.reason
    assert retract.status == "rejected" and "only its author" in retract.reason
    hidden = HostileNode.of(carol).write("talk.retract", {"comment": comment.id})
    assert hidden.status == "rejected" and "deps" in hidden.reason
    unchanged = Comment.objects.get(id=comment.id)
    assert unchanged.body_hash == comment.body_hash and not unchanged.retracted


def test_the_latest_edit_wins_whatever_order_they_are_applied_in(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    comment = actions.post_comment(carol, subjects.task.id, body="One")
    node = HostileNode.of(carol)
    first = node.entry("talk.edit", {"comment": comment.id}, deps=[comment.id],
                       att=store_attachment(b"Two"), ts=comment.ts + 10)
    second = node.entry("talk.edit", {"comment": comment.id}, deps=[comment.id],
                        att=store_attachment(b"Three"), ts=comment.ts + 20, after=first)
    assert node.deliver(first).applied and node.deliver(second).applied
    assert decorate([Comment.objects.get(id=comment.id)])[0].body == "Three"
