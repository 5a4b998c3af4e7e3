"""API of conversation: a subject's comments (keyset pages), and posting one."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import Keyed, KeysetPagination, TokenAuth
from commoning.talk import access, actions, subjects
from commoning.talk.actions import BODY_MAX_CHARS

router = Router(tags=["conversation"])


class CommentOut(Schema):
    id: str
    subject_id: str
    subject_kind: str = Field(
        description="What the subject is: commons, task, contribution, artifact, or a kind a "
        "later app registers."
    )
    parent_id: str | None = Field(None, description="The comment this one answers, if any.")
    thread_id: str = Field(description="The top-level comment this one sits under (itself).")
    author_id: str
    ts: int
    body: str | None = Field(None, description="Markdown; null while the text is not here.")
    mentions: list[str] = Field(default_factory=list, description="Member ids it mentions.")


class CommentIn(Schema):
    subject_id: str = Field(description="Id of a commons, task, contribution or artifact.")
    body: str = Field(description=f"Markdown, 1-{BODY_MAX_CHARS} characters; @name mentions.")
    parent_id: str | None = Field(None, description="The comment this one answers.")


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


def _items(comments) -> list[dict]:
    comments = access.decorate(comments)
    mentions = access.mentions_of(comments)
    return [
        {"id": c.id, "subject_id": c.subject_id, "subject_kind": c.subject_kind,
         "parent_id": c.parent_id, "thread_id": c.thread_id, "author_id": c.author_id,
         "ts": c.ts, "body": c.body, "mentions": mentions.get(c.id, [])}
        for c in comments
    ]


@router.get("/subjects/{subject_id}/comments", response=list[CommentOut])
@paginate(KeysetPagination)
def list_comments(request, subject_id: str):
    """A subject's comments, newest first (replies included; `thread_id` groups them)."""
    net = _net()
    if subjects.find_any(net, subject_id) is None:
        raise Http404(_("There is nothing here to comment on."))
    return Keyed(access.comments_on(net, subject_id), _items)


@router.post("/comments", response={201: CommentOut}, auth=TokenAuth())
def post_comment(request, payload: CommentIn):
    """Comment on a subject, or reply to a comment: a `talk.comment` entry signed with your
    key. Send an Idempotency-Key, so a retry never posts twice."""
    comment = actions.post_comment(request.auth, payload.subject_id, body=payload.body,
                                   parent_id=payload.parent_id)
    return Status(201, _items([comment])[0])
