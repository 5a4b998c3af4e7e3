"""Projection tables of the market. Each row is rebuilt from `market.*` entries alone."""

from django.db import models


class Listing(models.Model):
    """An offer or a want: made by a `market.listing` entry whose id is the listing's id, and
    changed by its author's `market.edit` entries (last writer wins per field)."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    author_id = models.CharField(max_length=64)
    side = models.CharField(max_length=8)  # "offer" or "want" (words.SIDES); never changes
    kind = models.CharField(max_length=16)  # words.KINDS
    title = models.CharField(max_length=120)
    category = models.CharField(max_length=16)  # words.CATEGORIES
    place = models.CharField(max_length=120, blank=True)
    # Coarse coordinates in micro-degrees, multiples of events.COORDINATE_STEP (or none).
    lat_micro = models.IntegerField(null=True)
    lon_micro = models.IntegerField(null=True)
    currency_id = models.CharField(max_length=64, blank=True)  # "" for a gift
    price_minor = models.BigIntegerField(default=0)  # in the currency's minor units
    description_hash = models.CharField(max_length=64, null=True, blank=True)
    open = models.BooleanField(default=True)  # False once its author withdraws it
    created_ts = models.BigIntegerField()
    updated_ts = models.BigIntegerField()
    # Last-writer-wins clocks per field group, "ts:author:id" (accounts.events.field_clock).
    title_clock = models.CharField(max_length=160)
    kind_clock = models.CharField(max_length=160)
    category_clock = models.CharField(max_length=160)
    place_clock = models.CharField(max_length=160)
    price_clock = models.CharField(max_length=160)
    description_clock = models.CharField(max_length=160)
    open_clock = models.CharField(max_length=160)

    class Meta:
        indexes = [
            models.Index(fields=["net", "open", "-created_ts", "id"], name="market_recent_idx"),
            models.Index(fields=["net", "author_id", "-created_ts"], name="market_author_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_gift(self) -> bool:
        return not self.currency_id


class Agreement(models.Model):
    """An agreement on a listing between two members: proposed by a `market.agree` entry whose
    id is its id, accepted by the other party's `market.accept`. Whether it is paid is read
    from the credit transfers that name it (market.payments), not kept here."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    listing_id = models.CharField(max_length=64, db_index=True)
    proposer_id = models.CharField(max_length=64)
    party_id = models.CharField(max_length=64)  # the other party, who accepts
    payer_id = models.CharField(max_length=64)  # who receives the thing and pays for it
    payee_id = models.CharField(max_length=64)
    currency_id = models.CharField(max_length=64, blank=True)  # "" for a gift
    amount_minor = models.BigIntegerField(default=0)
    created_ts = models.BigIntegerField()
    accepted_ts = models.BigIntegerField(null=True)  # the earliest acceptance's ts

    class Meta:
        indexes = [
            # A member's agreements are those they proposed and those proposed to them.
            models.Index(fields=["net", "proposer_id", "-created_ts"], name="market_proposer_idx"),
            models.Index(fields=["net", "party_id", "-created_ts"], name="market_party_idx"),
        ]

    @property
    def accepted(self) -> bool:
        return self.accepted_ts is not None
