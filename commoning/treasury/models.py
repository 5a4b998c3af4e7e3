"""Projection tables of the treasury, rebuilt from `treasury.*` entries alone.

Balances and per-month totals are aggregates the apply functions keep, so the transparency page
reads a few rows however long the history is. Amounts are integers in minor units; a posting's
amount is positive for a debit and negative for a credit.
"""

from django.db import models

KINDS = ("assets", "income", "expenses", "reserves")


class Treasury(models.Model):
    """Books opened by a `treasury.open` entry whose id is the treasury's id."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64, db_index=True)
    name = models.CharField(max_length=120)
    currencies = models.JSONField()  # {"EUR": 2, ...}: ISO 4217 code -> exponent
    opened_by = models.CharField(max_length=64)
    opened_ts = models.BigIntegerField()


class Account(models.Model):
    """One account of a treasury, in one currency; `balance_minor` is the sum of its postings
    that have effect (debits positive)."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    treasury_id = models.CharField(max_length=64)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10)
    currency = models.CharField(max_length=3)
    balance_minor = models.BigIntegerField(default=0)
    opened_ts = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["treasury_id", "kind", "name"], name="treasury_acct_idx")]


class Movement(models.Model):
    """A recorded movement (income, transfer) or a payment out under a grant. A payment is
    `pending` until k stewards approved it, then `effective` (or `over_grant` when the grant has
    no room left for it in the order the rule fixes)."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    treasury_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=10)  # income | transfer | payment
    status = models.CharField(max_length=10)  # effective | pending | over_grant
    currency = models.CharField(max_length=3)
    amount_minor = models.BigIntegerField()  # the sum of the debits
    memo = models.CharField(max_length=200, blank=True)
    author_id = models.CharField(max_length=64)
    ts = models.BigIntegerField()
    month = models.CharField(max_length=7)  # "YYYY-MM" (UTC) of ts, the chart's bucket
    # Payments only: the decision (close entry) and the grant's payee.
    decision_id = models.CharField(max_length=64, blank=True)
    payee = models.CharField(max_length=200, blank=True)
    approvals_needed = models.IntegerField(default=0)
    approvers = models.JSONField(default=list)  # member ids of distinct approving stewards

    class Meta:
        indexes = [
            models.Index(fields=["treasury_id", "-ts", "-id"], name="treasury_move_recent_idx"),
            models.Index(fields=["decision_id", "ts", "id"], name="treasury_move_grant_idx"),
            models.Index(fields=["treasury_id", "status"], name="treasury_move_status_idx"),
        ]


class Posting(models.Model):
    """One line of a movement: an account and a signed amount (debit positive)."""

    id = models.BigAutoField(primary_key=True)
    movement_id = models.CharField(max_length=64, db_index=True)
    account_id = models.CharField(max_length=64)
    amount_minor = models.BigIntegerField()


class Approval(models.Model):
    """A steward's approval of a payment, by the entry on their own feed."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    payment_id = models.CharField(max_length=64, db_index=True)
    member_id = models.CharField(max_length=64)
    author = models.CharField(max_length=64)  # the signing key, for the one-per-feed rule
    ts = models.BigIntegerField()


class MonthTotal(models.Model):
    """Income in and spending out of a treasury per month and currency (effective only)."""

    id = models.BigAutoField(primary_key=True)
    treasury_id = models.CharField(max_length=64)
    currency = models.CharField(max_length=3)
    month = models.CharField(max_length=7)
    income_minor = models.BigIntegerField(default=0)
    spending_minor = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["treasury_id", "currency", "month"],
                                    name="treasury_month_unique")
        ]
