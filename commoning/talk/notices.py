"""What conversation tells members (a notification source, see notify.sources): someone
mentioned them, replied to their comment, or commented on their work. One notice per comment,
saying the strongest reason, so a reply that also mentions them is told once."""

from django.db.models import Q
from django.utils.translation import gettext as _

from commoning.accounts.access import members_by_id
from commoning.notify.sources import Notice, before_q, register
from commoning.talk import subjects
from commoning.talk.models import Comment, Mention

PREFIX = "talk:"


def talk_notices(net: str, member_id: str, before, limit: int) -> list[Notice]:
    mentioned_in = Mention.objects.filter(net=net, member_id=member_id).values("comment_id")
    comments = list(
        Comment.objects.filter(net=net)
        .filter(Q(parent_author_id=member_id) | Q(subject_owner_id=member_id)
                | Q(id__in=mentioned_in))
        .exclude(author_id=member_id)
        .exclude(retracted=True)
        .filter(before_q(before, prefix=PREFIX))
        .order_by("-ts", "-id")[:limit]
    )
    mentioned = set(
        Mention.objects.filter(member_id=member_id, comment_id__in=[c.id for c in comments])
        .values_list("comment_id", flat=True)
    )
    names = {m.id: m.name for m in members_by_id(c.author_id for c in comments).values()}
    notices = []
    for comment in comments:
        name = names.get(comment.author_id) or _("A member")
        if comment.id in mentioned:
            text = _("%(name)s mentioned you in a comment on a %(kind)s.")
        elif comment.parent_author_id == member_id:
            text = _("%(name)s replied to your comment on a %(kind)s.")
        else:
            text = _("%(name)s commented on your %(kind)s.")
        words = {"name": name, "kind": subjects.noun(comment.subject_kind)}
        notices.append(Notice(PREFIX + comment.id, comment.ts, text % words, link_to(comment)))
    return notices


def link_to(comment) -> str:
    return f"{subjects.url(comment.subject_kind, comment.subject_id)}#comment-{comment.id}"


register("talk", talk_notices)
