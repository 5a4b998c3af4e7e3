"""The shared rule of `talk.comment` refuses what a modified node might write directly: a
subject of another network, a parent on another subject, a mention of someone who is not a
member, an author who is not a member, a body too big, and a subject or parent hidden from deps.
Each is refused as a person would be (see test_a_person_gets_the_same_refusals)."""

from commoning.log.append import store_attachment
from commoning.talk.events import BODY_MAX_BYTES
from commoning.talk.models import Comment, Mention
from commoning.talk.tests.kit import one_of_each, other_network_commons
from commoning.testing import HostileNode
from commoning.work.tests.helpers import member_id


def _body(text=b"Looks good"):
    return store_attachment(text)


def test_a_well_formed_comment_written_directly_is_applied(alice, bob):
    subjects = one_of_each(alice, bob)
    written = HostileNode.of(bob).write(
        "talk.comment", {"subject": subjects.task.id, "kind": "task"},
        deps=[subjects.task.id], att=_body(),
    )
    assert written.applied, written
    assert Comment.objects.get(id=written.id).author_id


def test_it_refuses_a_comment_on_a_subject_of_another_network(alice, bob):
    one_of_each(alice, bob)
    far_commons, _zed = other_network_commons()
    written = HostileNode.of(bob).write(
        "talk.comment", {"subject": far_commons.id, "kind": "commons"},
        deps=[far_commons.id], att=_body(),
    )
    assert written.status in {"rejected", "refused", "parked"}, written
    assert not Comment.objects.filter(id=written.id).exists()


def test_it_refuses_a_subject_of_the_wrong_kind(alice, bob):
    subjects = one_of_each(alice, bob)
    written = HostileNode.of(bob).write(
        "talk.comment", {"subject": subjects.task.id, "kind": "commons"},
        deps=[subjects.task.id], att=_body(),
    )
    assert written.status == "rejected"
    assert "no such commons" in written.reason


def test_it_refuses_a_reply_whose_parent_is_on_another_subject(alice, bob):
    subjects = one_of_each(alice, bob)
    node = HostileNode.of(bob)
    on_task = node.write("talk.comment", {"subject": subjects.task.id, "kind": "task"},
                         deps=[subjects.task.id], att=_body())
    assert on_task.applied
    written = node.write(
        "talk.comment",
        {"subject": subjects.commons.id, "kind": "commons", "parent": on_task.id},
        deps=sorted([subjects.commons.id, on_task.id]), att=_body(b"Answer"),
    )
    assert written.status == "rejected"
    assert "same subject" in written.reason
    assert not Comment.objects.filter(id=written.id).exists()


def test_it_refuses_a_mention_of_someone_who_is_not_a_member(alice, bob):
    subjects = one_of_each(alice, bob)
    not_a_member = subjects.task.id  # an entry id, but no identity
    written = HostileNode.of(bob).write(
        "talk.comment",
        {"subject": subjects.commons.id, "kind": "commons", "mentions": [not_a_member]},
        deps=sorted({subjects.commons.id, not_a_member}), att=_body(b"@ghost"),
    )
    assert written.status == "rejected"
    assert "only members" in written.reason
    assert not Mention.objects.exists()


def test_it_refuses_a_mention_of_a_member_of_another_network(alice, bob):
    subjects = one_of_each(alice, bob)
    _far, zed = other_network_commons()
    zed_id = member_id(zed)
    written = HostileNode.of(bob).write(
        "talk.comment",
        {"subject": subjects.commons.id, "kind": "commons", "mentions": [zed_id]},
        deps=sorted({subjects.commons.id, zed_id}), att=_body(b"@zed"),
    )
    assert written.status in {"rejected", "parked"}
    assert not Mention.objects.exists()


def test_it_refuses_a_mention_left_out_of_deps(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    written = HostileNode.of(bob).write(
        "talk.comment",
        {"subject": subjects.commons.id, "kind": "commons", "mentions": [member_id(carol)]},
        deps=[subjects.commons.id], att=_body(b"@carol"),
    )
    assert written.status == "rejected"
    assert "deps" in written.reason


def test_it_refuses_an_author_who_is_not_a_member(alice, bob, net):
    subjects = one_of_each(alice, bob)
    written = HostileNode.outsider(net).write(
        "talk.comment", {"subject": subjects.commons.id, "kind": "commons"},
        deps=[subjects.commons.id], att=_body(),
    )
    assert written.status != "applied"
    assert not Comment.objects.filter(id=written.id).exists()


def test_it_refuses_a_body_over_the_limit(alice, bob):
    subjects = one_of_each(alice, bob)
    written = HostileNode.of(bob).write(
        "talk.comment", {"subject": subjects.commons.id, "kind": "commons"},
        deps=[subjects.commons.id], att=_body(b"x" * (BODY_MAX_BYTES + 1)),
    )
    assert written.status == "rejected"
    assert "body" in written.reason


def test_it_refuses_a_comment_without_a_body(alice, bob):
    subjects = one_of_each(alice, bob)
    written = HostileNode.of(bob).write(
        "talk.comment", {"subject": subjects.commons.id, "kind": "commons"},
        deps=[subjects.commons.id],
    )
    assert written.status == "rejected"


def test_it_refuses_a_subject_hidden_from_deps(alice, bob):
    subjects = one_of_each(alice, bob)
    written = HostileNode.of(bob).write(
        "talk.comment", {"subject": subjects.commons.id, "kind": "commons"}, att=_body(),
    )
    assert written.status == "rejected"
    assert "deps" in written.reason
