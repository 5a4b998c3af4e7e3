"""Projection tables of mutual credit, rebuilt from `credit.*` entries alone.

Every column is either fixed by one entry, a sum that commutes, or changed only by entries of
one member's own feed (applied in seq order): so any delivery order gives the same rows.
"""

from django.db import models


class Currency(models.Model):
    """A currency, created by a `credit.currency` entry whose id is the currency's id."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64, db_index=True)
    name = models.CharField(max_length=80)
    symbol = models.CharField(max_length=8)
    exponent = models.IntegerField()  # decimal places: amounts are integers of 10**-exponent
    default_limit_minor = models.BigIntegerField()  # how far below zero a member may go
    ceiling_minor = models.BigIntegerField(null=True)  # the highest balance a member may accept to
    steward_id = models.CharField(max_length=64)  # the creator, the first steward
    created_ts = models.BigIntegerField()
    # Kept by the apply functions, so the currency page never sums history.
    volume_minor = models.BigIntegerField(default=0)  # sum of accepted transfers
    accepted_count = models.BigIntegerField(default=0)
    loss_minor = models.BigIntegerField(default=0)  # the loss account's balance (write-offs)
    account_count = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["net", "name"], name="credit_currency_net_name_idx")]

    def __str__(self):
        return self.name


class Account(models.Model):
    """A member's account in one currency. `balance_minor` is the shared balance (accepted
    incoming minus accepted outgoing, plus write-offs); `position_minor` is the fold over the
    member's own feed that the transfer rule checks (see docs/subsystems/credit.md)."""

    id = models.CharField(max_length=129, primary_key=True)  # currency id ":" member id
    net = models.CharField(max_length=64)
    currency_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64)
    balance_minor = models.BigIntegerField(default=0)
    pending_out_minor = models.BigIntegerField(default=0)  # sent, neither accepted nor released
    # Changed only by the member's own entries, in feed order:
    # own accepts - own transfers + releases and write-offs the feed has named in `seen`
    position_minor = models.BigIntegerField(default=0)
    # own transfers whose outcome (accept or release) the feed has not yet named
    open_out_count = models.IntegerField(default=0)
    limit_minor = models.BigIntegerField()  # the limit the member's feed relies on now
    limit_clock = models.CharField(max_length=160, default="")  # of the grant it named last
    closed = models.BooleanField(default=False)
    # The stewards' latest grant (last writer wins), shown on pages until the member names it.
    granted_limit_minor = models.BigIntegerField(null=True)
    granted_limit_clock = models.CharField(max_length=160, default="")

    class Meta:
        indexes = [
            models.Index(fields=["currency_id", "member_id"], name="credit_account_idx"),
            models.Index(fields=["net", "member_id"], name="credit_account_member_idx"),
        ]


class Transfer(models.Model):
    """A payment from payer to payee: pending until the payee accepts, declines, or it expires."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    currency_id = models.CharField(max_length=64)
    payer_id = models.CharField(max_length=64)
    payee_id = models.CharField(max_length=64)
    amount_minor = models.BigIntegerField()
    memo = models.CharField(max_length=200, blank=True, default="")
    ts = models.BigIntegerField()
    deadline_ts = models.BigIntegerField()  # accepts must be dated before it
    status = models.CharField(max_length=10, default="pending")  # pending, accepted, released
    # The payee's answer (accept or decline), by key and seq: what an expiry's anchor is judged by.
    answer_key = models.CharField(max_length=64, default="")
    answer_seq = models.BigIntegerField(null=True)
    payer_seen = models.BooleanField(default=False)  # the payer's feed has named its outcome

    class Meta:
        indexes = [
            models.Index(fields=["payee_id", "status", "currency_id"],
                         name="credit_transfer_in_idx"),
            models.Index(fields=["payer_id", "status", "currency_id"],
                         name="credit_transfer_out_idx"),
        ]


class Outcome(models.Model):
    """An accept, decline, expiry or write-off entry, so a later entry of the member's own feed
    can name it in `seen` (each one counted there at most once)."""

    id = models.CharField(max_length=64, primary_key=True)
    kind = models.CharField(max_length=10)  # accepted, declined, expired, writeoff
    transfer_id = models.CharField(max_length=64, default="")
    currency_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64)  # whose feed must see it: payer, or written-off
    amount_minor = models.BigIntegerField()  # what seeing it adds to that member's position
    seen = models.BooleanField(default=False)


class LimitGrant(models.Model):
    """A steward's `credit.limit` entry: a member's limit, which the member's feed names."""

    id = models.CharField(max_length=64, primary_key=True)
    currency_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64)
    limit_minor = models.BigIntegerField()
    clock = models.CharField(max_length=160)


class Movement(models.Model):
    """One line of an account's history: a transfer accepted, or a write-off."""

    id = models.CharField(max_length=129, primary_key=True)  # entry id ":" side
    net = models.CharField(max_length=64)
    currency_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64)  # "" for the loss account
    counterparty_id = models.CharField(max_length=64)  # "" for the loss account
    amount_minor = models.BigIntegerField()  # signed: + in, - out
    kind = models.CharField(max_length=10)  # transfer, writeoff
    memo = models.CharField(max_length=200, blank=True, default="")
    ts = models.BigIntegerField()
    entry_id = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(fields=["currency_id", "member_id", "-ts", "-id"],
                         name="credit_movement_history_idx"),
        ]
