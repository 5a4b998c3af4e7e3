"""Demo conversation: comments with mentions and replies on the demo's contributions and tasks,
so a visitor sees threads, and members logging in find notifications waiting."""

from commoning.talk.actions import post_comment
from commoning.work.models import Contribution, Task


def seed_conversation(users: dict, progress=print) -> None:
    from commoning.accounts.models import Account

    bob_id = Account.objects.get(user=users["bob"]).member_id
    drawing = Contribution.objects.filter(member_id=bob_id, kind="design").first()
    jig = Task.objects.filter(title="Weld the frame jig").first()
    if drawing is not None:
        question = post_comment(users["farah"], drawing.id,
                                body="Which **relief valve** did you pick, @Bob? Ours is rated "
                                     "for 200 bar.")
        answer = post_comment(users["bob"], drawing.id, parent_id=question.id,
                              body="The 210 bar one from the parts list; see version 2 of the "
                                   "schematic.")
        post_comment(users["gus"], drawing.id, parent_id=answer.id,
                     body="Good choice. @Farah, bring yours on Tuesday and we compare.")
    if jig is not None:
        post_comment(users["alice"], jig.id,
                     body="The jig needs to stay square within 1 mm. @Gus, can you check the "
                          "first frame?\n\n- 40 mm box section\n- tack welds first")
    progress("conversation: comments, mentions and replies")
