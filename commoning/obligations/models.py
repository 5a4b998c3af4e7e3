"""Projection tables of obligations and clearing runs, rebuilt from `obligation.*` and
`clearing.*` entries alone. Flags only ever turn on; `remaining` and a run's `status` are
recomputed from the set of runs and consents (commoning.obligations.settle), never from the
order entries arrived in."""

from django.db import models


class Obligation(models.Model):
    """A debt recorded by its creditor (`obligation.record`, whose id is the obligation's id)."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    unit = models.CharField(max_length=12)  # a currency code text: "EUR", "h"
    creditor_id = models.CharField(max_length=64)
    debtor_id = models.CharField(max_length=64)
    amount = models.BigIntegerField()  # minor units, as recorded
    remaining = models.BigIntegerField()  # minor units left after the applied clearing runs
    memo = models.CharField(max_length=200, blank=True, default="")
    due = models.CharField(max_length=10, blank=True, default="")  # YYYY-MM-DD or ""
    recorded_ts = models.BigIntegerField()
    record_key = models.CharField(max_length=64)  # the creditor's key that wrote the record
    record_seq = models.BigIntegerField()
    confirmed = models.BooleanField(default=False)
    confirm_id = models.CharField(max_length=64, blank=True, default="", db_index=True)
    confirm_key = models.CharField(max_length=64, blank=True, default="")
    confirm_seq = models.BigIntegerField(default=0)
    disputed = models.BooleanField(default=False)
    withdrawn = models.BooleanField(default=False)
    # Where the withdrawal was written, so a run's rule knows whether it is in its causal past.
    withdraw_key = models.CharField(max_length=64, blank=True, default="")
    withdraw_seq = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["net", "debtor_id", "-recorded_ts"], name="obligation_debtor_idx"),
            models.Index(fields=["net", "creditor_id", "-recorded_ts"],
                         name="obligation_creditor_idx"),
            models.Index(fields=["net", "unit", "confirmed"], name="obligation_unit_idx"),
        ]

    @property
    def open(self) -> bool:
        """Takes part in clearing: confirmed, neither disputed nor withdrawn, something owed."""
        return self.confirmed and not self.disputed and not self.withdrawn and self.remaining > 0


class Exclusion(models.Model):
    """A party keeps one obligation out of clearing (`obligation.exclude`)."""

    id = models.CharField(max_length=64, primary_key=True)  # the entry id
    net = models.CharField(max_length=64)
    obligation_id = models.CharField(max_length=64, db_index=True)
    member_id = models.CharField(max_length=64)
    author_key = models.CharField(max_length=64)
    seq = models.BigIntegerField()


class ClearingChoice(models.Model):
    """A member opts out of clearing (`clearing.opt_out`) or back in (`clearing.opt_in`).
    Their standing is their latest choice on a feed (highest seq)."""

    id = models.CharField(max_length=64, primary_key=True)  # the entry id
    net = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64, db_index=True)
    author_key = models.CharField(max_length=64)
    seq = models.BigIntegerField()
    opted_out = models.BooleanField()
    ts = models.BigIntegerField()


class ClearingRun(models.Model):
    """A clearing run (`clearing.run`): the set-off it proposes and where it stands."""

    OPEN, APPLIED, DECLINED, VOID = "open", "applied", "declined", "void"

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    unit = models.CharField(max_length=12)
    author_id = models.CharField(max_length=64)
    ts = models.BigIntegerField()
    total = models.BigIntegerField()  # minor units owed on its obligations before it
    cleared = models.BigIntegerField()  # minor units it sets off
    participants = models.IntegerField()
    consents = models.IntegerField(default=0)
    declines = models.IntegerField(default=0)
    # open: waiting for answers; applied; declined: someone said no; void: every participant
    # consented but another run took its obligations first (commoning.obligations.settle).
    status = models.CharField(max_length=8, default=OPEN)

    class Meta:
        indexes = [models.Index(fields=["net", "-ts"], name="clearing_run_recent_idx"),
                   models.Index(fields=["net", "unit", "status"], name="clearing_run_unit_idx")]


class RunItem(models.Model):
    """One obligation a run takes: what it assumed owed (`before`) and what it sets off."""

    run_id = models.CharField(max_length=64)
    obligation_id = models.CharField(max_length=64, db_index=True)
    before = models.BigIntegerField()
    set_off = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run_id", "obligation_id"],
                                               name="run_item_unique")]


class RunParticipant(models.Model):
    """A member whose books a run changes, how much of their debt it clears, and their answer
    (a `clearing.consent` or `clearing.decline` on their feed; "" while they have not)."""

    run_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64)
    debt_cleared = models.BigIntegerField()  # what they owe that leaves their books
    credit_cleared = models.BigIntegerField()  # what they are owed that leaves (the same sum)
    answer = models.CharField(max_length=8, blank=True, default="")
    answer_id = models.CharField(max_length=64, blank=True, default="")
    answer_key = models.CharField(max_length=64, blank=True, default="")  # the device key
    answer_ts = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run_id", "member_id"],
                                               name="run_participant_unique")]
        indexes = [models.Index(fields=["member_id", "answer"], name="run_participant_todo_idx")]
