"""The only reads of conversation that views, API and notifications use.

A thread page costs what it shows: one keyed range of top-level comments, one query for their
replies (bounded), one for the bodies and one for the authors' names.
"""

from dataclasses import dataclass, field

from commoning.accounts.access import members_by_id
from commoning.front.pagination import next_rows
from commoning.log.append import text_of
from commoning.log.models import Attachment
from commoning.talk import rendering
from commoning.talk.models import Comment, Mention

THREADS_PER_PAGE = 10
REPLIES_MAX = 100  # replies shown under one page of threads; a longer talk goes on a new thread


def comments_on(net: str, subject_id: str):
    """Every comment on a subject, newest first (the API's list)."""
    return Comment.objects.filter(net=net, subject_id=subject_id).order_by("-ts", "-id")


def top_level_on(net: str, subject_id: str):
    return Comment.objects.filter(
        net=net, subject_id=subject_id, parent_id__isnull=True
    ).order_by("-ts", "-id")


def get_comment(net: str, comment_id: str) -> Comment | None:
    return Comment.objects.filter(net=net, id=comment_id).first()


def bodies(comments) -> dict[str, str]:
    """{body hash: text} for the comments given; a body not here yet (or erased) is absent."""
    hashes = {comment.body_hash for comment in comments}
    rows = Attachment.objects.filter(hash__in=hashes, erased=False).values_list("hash", "body")
    return {digest: text_of(bytes(body)) for digest, body in rows}


def mentions_of(comments) -> dict[str, list[str]]:
    """{comment id: [member ids it mentions]} for the comments given (one query)."""
    mentioned: dict[str, list[str]] = {}
    for comment_id, member_id in Mention.objects.filter(
        comment_id__in=[comment.id for comment in comments]
    ).order_by("member_id").values_list("comment_id", "member_id"):
        mentioned.setdefault(comment_id, []).append(member_id)
    return mentioned


def decorate(comments) -> list:
    """Attach `author` (Member or None), `body` (text or None) and `html` (the body rendered,
    mentions linked to their members) to each comment: three queries for any number."""
    comments = list(comments)
    mentioned = mentions_of(comments)
    people = members_by_id(
        [comment.author_id for comment in comments]
        + [member_id for ids in mentioned.values() for member_id in ids]
    )
    texts = bodies(comments)
    for comment in comments:
        comment.author = people.get(comment.author_id)
        comment.body = texts.get(comment.body_hash)
        named = [people[m] for m in mentioned.get(comment.id, []) if m in people]
        comment.html = rendering.comment_html(comment.body, named)
    return comments


@dataclass
class ThreadPage:
    threads: list = field(default_factory=list)  # top-level comments, each with .replies
    older: str | None = None  # the cursor of the next (older) page


def thread_page(net: str, subject_id: str, cursor: str = "") -> ThreadPage:
    """One page of a subject's threads, newest first, each with its replies oldest first.
    Raises front.pagination.BadCursor for a cursor this list did not give."""
    threads, older = next_rows(top_level_on(net, subject_id), THREADS_PER_PAGE, cursor)
    ids = [thread.id for thread in threads]
    replies = list(
        Comment.objects.filter(net=net, thread_id__in=ids, parent_id__isnull=False)
        .order_by("ts", "id")[:REPLIES_MAX]
    )
    decorate([*threads, *replies])
    parents = {comment.id: comment for comment in [*threads, *replies]}
    by_thread: dict[str, list] = {}
    for reply in replies:
        reply.parent = parents.get(reply.parent_id)
        by_thread.setdefault(reply.thread_id, []).append(reply)
    for thread in threads:
        thread.replies = by_thread.get(thread.id, [])
    return ThreadPage(threads, older)
