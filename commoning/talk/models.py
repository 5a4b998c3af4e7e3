"""Projection tables of conversation, rebuilt from `talk.comment` entries alone.

Each comment row also keeps the facts notifications ask for (whose comment it answers, whose
work it is on), copied from its causal past when applied, so "replies to me" and "comments on
my work" are index ranges rather than joins over history.
"""

from django.db import models


class Comment(models.Model):
    """A comment (`talk.comment`); its id is the entry's id. The body is the attachment."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    subject_kind = models.CharField(max_length=20)
    parent_id = models.CharField(max_length=64, null=True, blank=True)
    # The top-level comment this one sits under (itself when top-level): replies show nested
    # one level, however deep the reply chain goes.
    thread_id = models.CharField(max_length=64)
    author_id = models.CharField(max_length=64)  # member id
    ts = models.BigIntegerField()
    body_hash = models.CharField(max_length=64)
    # The body is a record, last writer wins ("ts:author:id", accounts.events.field_clock):
    # its author may edit it (`talk.edit`), and concurrent edits settle alike on every node.
    body_clock = models.CharField(max_length=160, default="")
    retracted = models.BooleanField(default=False)  # monotone: set by `talk.retract`
    subject_owner_id = models.CharField(max_length=64, blank=True, default="")
    parent_author_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        indexes = [
            # A subject's top-level comments, newest first (the thread's pages).
            # Each ends with the id, the tie-break of its list's order, so a page is read
            # straight off the index (no sort of every matching row).
            models.Index(fields=["subject_id", "parent_id", "-ts", "-id"],
                         name="talk_subject_page_idx"),
            models.Index(fields=["net", "subject_id", "-ts", "-id"], name="talk_subject_all_idx"),
            models.Index(fields=["thread_id", "ts", "id"], name="talk_thread_page_idx"),
            models.Index(fields=["parent_author_id", "-ts", "-id"], name="talk_reply_to_page_idx"),
            models.Index(fields=["subject_owner_id", "-ts", "-id"], name="talk_owner_page_idx"),
        ]


class Mention(models.Model):
    """A member a comment mentions (`@name`, resolved to a member id when written)."""

    id = models.CharField(max_length=140, primary_key=True)  # "comment_id member_id"
    net = models.CharField(max_length=64)
    comment_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64)
    ts = models.BigIntegerField()  # the comment's

    class Meta:
        indexes = [models.Index(fields=["member_id", "-ts", "-comment_id"],
                                name="talk_mention_page_idx")]
