"""Entry types of conversation: `talk.comment`, a fact (comments are a growing set), and its
author's `talk.edit` (the body is a record: last writer wins) and `talk.retract` (a monotone
flag: a withdrawn comment stays in the log and in its thread, shown as withdrawn).

    talk.comment  data: {subject, kind, parent?, mentions?}    att: the Markdown body (UTF-8)
    talk.edit     data: {comment}                               att: the new body
    talk.retract  data: {comment}

The rule reads only the causal past: the subject, the parent and every mentioned member must be
listed in deps, so a node that accepts a comment holds everything the rule looked at, and every
node decides it alike whatever order the entries came in.
"""

from commoning.accounts.events import field_clock
from commoning.accounts.models import Member
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection
from commoning.talk import subjects
from commoning.talk.models import Comment, Mention

BODY_MAX_BYTES = 10_000  # a long comment is a few thousand characters; a document is an artifact
MENTIONS_MAX = 10  # deps hold at most 16: the subject, the parent and the mentioned members
MEDIA_TYPE = "text/markdown; charset=utf-8"


def _needs_dep(entry, entry_id: str, what: str) -> None:
    if entry_id not in entry.deps:
        raise Rejected(f"the {what} must be listed in deps")


def _mentions(entry) -> list[str]:
    mentioned = entry.data.get("mentions", [])
    if not isinstance(mentioned, list) or len(mentioned) > MENTIONS_MAX:
        raise Rejected(f"mentions must be a list of at most {MENTIONS_MAX} member ids")
    for index, member_id in enumerate(mentioned):
        fields.entry_id({"mention": member_id}, "mention")
        if index and member_id <= mentioned[index - 1]:
            raise Rejected("mentions must be sorted and unique")
        _needs_dep(entry, member_id, "mentioned member")
    if mentioned:
        found = set(
            Member.objects.filter(net=entry.net, id__in=mentioned).values_list("id", flat=True)
        )
        if found != set(mentioned):
            raise Rejected("a comment may mention only members of this network")
    return mentioned


def check_comment(entry):
    fields.only_fields(entry.data, {"subject", "kind", "parent", "mentions"}, {"subject", "kind"})
    kind = entry.data["kind"]
    if kind not in subjects.kinds():
        raise Rejected("comments on this kind of thing are not known here")
    subject_id = fields.entry_id(entry.data, "subject")
    _needs_dep(entry, subject_id, "subject")
    if subjects.find(entry.net, kind, subject_id) is None:
        raise Rejected(f"no such {kind} in this network")
    if "parent" in entry.data:
        parent_id = fields.entry_id(entry.data, "parent")
        _needs_dep(entry, parent_id, "comment replied to")
        parent = sql.fetch_one(
            f"SELECT subject_id FROM {sql.table(Comment)} WHERE id = %s AND net = %s",
            [parent_id, entry.net],
        )
        if parent is None:
            raise Rejected("no such comment to reply to in this network")
        if parent[0] != subject_id:
            raise Rejected("a reply must be on the same subject as the comment it answers")
    _mentions(entry)
    _body(entry)


def _body(entry) -> None:
    if entry.att is None or not 0 < entry.att.get("size", 0) <= BODY_MAX_BYTES:
        raise Rejected(f"a comment needs a body of 1 to {BODY_MAX_BYTES} bytes")


def apply_comment(entry):
    data = entry.data
    subject = subjects.find(entry.net, data["kind"], data["subject"])
    parent_id = data.get("parent")
    thread_id, parent_author_id = entry.id, ""
    if parent_id:
        thread_id, parent_author_id = sql.fetch_one(
            f"SELECT thread_id, author_id FROM {sql.table(Comment)} WHERE id = %s", [parent_id]
        )
    author_id = member_of(entry)
    Comment.objects.create(
        id=entry.id, net=entry.net, subject_id=data["subject"], subject_kind=data["kind"],
        parent_id=parent_id, thread_id=thread_id, author_id=author_id, ts=entry.ts,
        body_hash=entry.att["hash"], body_clock=field_clock(entry),
        subject_owner_id=(subject.owner_id or "") if subject else "",
        parent_author_id=parent_author_id,
    )
    Mention.objects.bulk_create([
        Mention(id=f"{entry.id} {member_id}", net=entry.net, comment_id=entry.id,
                member_id=member_id, ts=entry.ts)
        for member_id in data.get("mentions", [])
    ])


def _own_comment(entry) -> None:
    """The comment an edit or retraction names: in deps, in this network, and the author's."""
    fields.only_fields(entry.data, {"comment"}, {"comment"})
    comment_id = fields.entry_id(entry.data, "comment")
    _needs_dep(entry, comment_id, "comment")
    found = sql.fetch_one(
        f"SELECT author_id FROM {sql.table(Comment)} WHERE id = %s AND net = %s",
        [comment_id, entry.net],
    )
    if found is None:
        raise Rejected("no such comment in this network")
    if found[0] != member_of(entry):
        raise Forbidden("only its author may change or withdraw a comment")


def check_edit(entry):
    _own_comment(entry)
    _body(entry)


def apply_edit(entry):
    clock = field_clock(entry)
    sql.execute(
        f"UPDATE {sql.table(Comment)} SET body_hash = %s, body_clock = %s"
        " WHERE id = %s AND body_clock < %s",
        [entry.att["hash"], clock, entry.data["comment"], clock],
    )


def check_retract(entry):
    _own_comment(entry)
    if entry.att is not None:
        raise Rejected("a retraction carries no body")


def apply_retract(entry):
    sql.execute(f"UPDATE {sql.table(Comment)} SET retracted = %s WHERE id = %s",
                [True, entry.data["comment"]])


register("talk.comment", check=check_comment, apply=apply_comment)
register("talk.edit", check=check_edit, apply=apply_edit)
register("talk.retract", check=check_retract, apply=apply_retract)
register_projection(Comment)
register_projection(Mention)
