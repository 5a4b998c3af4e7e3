"""Node-local tables of notifications (not projections, not in the state hash): what each
member of this node has read, and how they want to be told."""

from django.db import models


class NoticeRead(models.Model):
    """One notice a member opened (or marked read), by its stable key."""

    member_id = models.CharField(max_length=64)
    key = models.CharField(max_length=140)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member_id", "key"], name="notify_read_unique")
        ]


class Preference(models.Model):
    """A member's notification settings and marks on this node."""

    EMAIL_OFF, EMAIL_EACH, EMAIL_DAILY = "off", "each", "daily"

    member_id = models.CharField(max_length=64, primary_key=True)
    # Every notice dated at or before this (ms) counts as read ("mark all read").
    read_through_ts = models.BigIntegerField(default=0)
    email = models.EmailField(blank=True, default="")
    email_mode = models.CharField(max_length=8, default=EMAIL_OFF)
    # Notices dated at or before this were emailed, or were older than the choice to get email.
    emailed_through_ts = models.BigIntegerField(default=0)
    digest_sent_ts = models.BigIntegerField(default=0)
