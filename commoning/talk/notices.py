"""What conversation tells members (a notification source, see notify.sources): someone
mentioned them, replied to their comment, or commented on their work. One notice per comment,
saying the strongest reason, so a reply that also mentions them is told once."""

from django.utils.translation import gettext as _

from commoning.accounts.access import members_by_id
from commoning.notify.sources import Notice, before_q, register
from commoning.talk import subjects
from commoning.talk.models import Comment, Mention

PREFIX = "talk:"


def talk_notices(net: str, member_id: str, before, limit: int) -> list[Notice]:
    # Three keyed ranges, each read straight off its index, merged here: the newest `limit`
    # of their union is among the newest `limit` of each.
    def newest(queryset, ts_field="ts", id_field="id"):
        return queryset.filter(before_q(before, prefix=PREFIX, ts_field=ts_field,
                                        id_field=id_field)).order_by(f"-{ts_field}",
                                                                     f"-{id_field}")[:limit]

    mentioned = set(newest(Mention.objects.filter(net=net, member_id=member_id),
                           id_field="comment_id").values_list("comment_id", flat=True))
    replies = newest(Comment.objects.filter(net=net, parent_author_id=member_id))
    on_work = newest(Comment.objects.filter(net=net, subject_owner_id=member_id))
    found = {comment.id: comment for comment in [*replies, *on_work]}
    missing = mentioned - set(found)
    if missing:
        found.update({comment.id: comment for comment in Comment.objects.filter(id__in=missing)})
    comments = sorted(
        (c for c in found.values() if c.author_id != member_id and not c.retracted),
        key=lambda c: (c.ts, c.id), reverse=True,
    )[:limit]
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
