"""Comments, replies, mentions, edits and withdrawals give the same tables whatever order their
entries arrive in (the replies' threads and whose comment each answers are copied from the
causal past; the latest edit wins by its clock)."""

from commoning.log.tests.kit import assert_same_in_any_order, exported_envelopes
from commoning.talk import actions
from commoning.talk.models import Comment, Mention
from commoning.talk.tests.kit import one_of_each


def test_threads_and_mentions_are_the_same_in_any_delivery_order(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    first = actions.post_comment(carol, subjects.contribution.id, body="Nice work @Bob")
    reply = actions.post_comment(bob, subjects.contribution.id, body="Thanks!", parent_id=first.id)
    actions.post_comment(alice, subjects.contribution.id, body="Agreed @carol", parent_id=reply.id)
    on_task = actions.post_comment(alice, subjects.task.id, body="Who takes this?")
    actions.edit_comment(carol, first.id, body="Nice work @Bob, truly")
    actions.edit_comment(carol, first.id, body="Nice work @Bob, really")
    actions.retract_comment(alice, on_task.id)

    def observe():
        return (
            sorted(Comment.objects.values_list("id", "thread_id", "parent_author_id",
                                               "subject_owner_id", "author_id", "body_hash",
                                               "retracted")),
            sorted(Mention.objects.values_list("comment_id", "member_id")),
        )

    seen = observe()
    assert len(seen[0]) == 4 and len(seen[1]) == 2
    assert {row[1] for row in seen[0] if row[0] != first.id and row[1] == first.id}  # nested
    assert_same_in_any_order(exported_envelopes(), observe=observe, examples=8)
