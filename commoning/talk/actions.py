"""The only write paths of conversation: post a comment (or a reply), edit or withdraw one's
own. `@atomic_action`: each entry and its body commit or roll back as one."""

from commoning.accounts.access import signing_key_for
from commoning.core import fields
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.registry import Forbidden, Rejected
from commoning.talk import mentions, subjects
from commoning.talk.events import BODY_MAX_BYTES, MEDIA_TYPE
from commoning.talk.models import Comment

BODY_MAX_CHARS = BODY_MAX_BYTES // 2  # keeps any text of this many characters within the bytes


@atomic_action
def post_comment(user, subject_id: str, *, body: str, parent_id: str | None = None) -> Comment:
    account, key = signing_key_for(user)
    subject = subjects.find_any(account.net, subject_id)
    if subject is None:
        raise Rejected("There is nothing here to comment on.", status=404)
    body = fields.clean_text(body, "body", max_length=BODY_MAX_CHARS, multiline=True)
    if len(body.encode()) > BODY_MAX_BYTES:
        raise fields.FieldError("body", f"must be at most {BODY_MAX_BYTES} bytes")
    data = {"subject": subject.id, "kind": subject.kind}
    deps = [subject.id]
    if parent_id:
        parent = Comment.objects.filter(id=parent_id, net=account.net).first()
        if parent is None or parent.subject_id != subject.id:
            raise fields.FieldError("body", "The comment you answer is not in this thread.")
        data["parent"] = parent.id
        deps.append(parent.id)
    mentioned = [m for m in mentions.resolve(account.net, body) if m not in deps]
    # Mentions are resolved once, when the comment is written; an edit does not add more.
    if mentioned:
        data["mentions"] = mentioned
        deps.extend(mentioned)
    entry = append(key, net=account.net, type="talk.comment", data=data, deps=sorted(set(deps)),
                   attachment=body.encode(), media_type=MEDIA_TYPE)
    return Comment.objects.get(id=entry.id)


def _own(account, comment_id: str) -> Comment:
    comment = Comment.objects.filter(id=comment_id, net=account.net).first()
    if comment is None:
        raise Rejected("No such comment.", status=404)
    if comment.author_id != account.member_id:
        raise Forbidden("Only its author may change or withdraw a comment.")
    return comment


@atomic_action
def edit_comment(user, comment_id: str, *, body: str) -> Comment:
    account, key = signing_key_for(user)
    comment = _own(account, comment_id)
    body = fields.clean_text(body, "body", max_length=BODY_MAX_CHARS, multiline=True)
    if len(body.encode()) > BODY_MAX_BYTES:
        raise fields.FieldError("body", f"must be at most {BODY_MAX_BYTES} bytes")
    append(key, net=account.net, type="talk.edit", data={"comment": comment.id},
           deps=[comment.id], attachment=body.encode(), media_type=MEDIA_TYPE)
    return Comment.objects.get(id=comment.id)


@atomic_action
def retract_comment(user, comment_id: str) -> Comment:
    account, key = signing_key_for(user)
    comment = _own(account, comment_id)
    if not comment.retracted:
        append(key, net=account.net, type="talk.retract", data={"comment": comment.id},
               deps=[comment.id])
    return Comment.objects.get(id=comment.id)
