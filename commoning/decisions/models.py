"""Projection tables of decisions, each row rebuilt from `decision.*` entries alone."""

from django.db import models


class Proposal(models.Model):
    """A proposal: made by a `decision.propose` entry whose id is the proposal's id. Its
    electorate is frozen: the association's members as the proposal's roster deps saw it."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    proposer_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=20)  # ordinary, statutes, election, spending
    method = models.CharField(max_length=20)
    question = models.CharField(max_length=300)
    options = models.JSONField(default=list)
    seats = models.IntegerField(default=1)
    quorum = models.IntegerField()  # ballots needed, from the statutes' percent unless given
    threshold_num = models.IntegerField()
    threshold_den = models.IntegerField()
    score_max = models.IntegerField()
    topic = models.CharField(max_length=80, blank=True, default="")
    hide_results = models.BooleanField(default=False)
    effect = models.JSONField(null=True, blank=True)
    electorate_size = models.IntegerField()
    roster_heads = models.JSONField(default=list)
    created_ts = models.BigIntegerField()
    closes_at = models.BigIntegerField()
    # The first close by (ts, id), kept by apply so lists need no join; None while open.
    close_id = models.CharField(max_length=64, null=True, blank=True)
    close_ts = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["net", "-created_ts", "id"], name="decision_net_recent_idx"),
        ]


class Ballot(models.Model):
    """One `decision.ballot` entry; a voter's later ballot (by their seq) replaces earlier ones
    when the close counts them."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    proposal_id = models.CharField(max_length=64)
    voter_id = models.CharField(max_length=64)
    seq = models.BigIntegerField()
    ts = models.BigIntegerField()
    content = models.JSONField()  # the ballot as the decision file writes it, without voter

    class Meta:
        indexes = [models.Index(fields=["proposal_id", "voter_id"], name="decision_ballot_idx")]


class Delegation(models.Model):
    """One `decision.delegate` or `decision.revoke` act (delegate_id None) on a topic."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    voter_id = models.CharField(max_length=64)
    topic = models.CharField(max_length=80)
    delegate_id = models.CharField(max_length=64, null=True, blank=True)
    seq = models.BigIntegerField()
    ts = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["net", "voter_id", "topic"], name="decision_deleg_idx")]


class CountedItem(models.Model):
    """A ballot or delegation act that a tally sheet or a close counts (flattened: a sheet's
    rows include those of the sheets it names)."""

    holder_id = models.CharField(max_length=64)  # the sheet or close entry
    item_id = models.CharField(max_length=64)
    is_ballot = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["holder_id", "item_id"],
                                               name="decision_counted_unique")]


class Close(models.Model):
    """A teller's `decision.close`: which ballots count, and the tally recomputed from them."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    proposal_id = models.CharField(max_length=64, db_index=True)
    teller_id = models.CharField(max_length=64)
    ts = models.BigIntegerField()
    passed = models.BooleanField(null=True)
    winners = models.JSONField(default=list)
    tally = models.JSONField()  # the core's outcome, digest included
    decision = models.JSONField()  # the decision file (the export), without member names


class TallySheet(models.Model):
    """A teller's `decision.sheet`: a bundle of counted ballots and delegations, so a close can
    count more than the 16 deps one entry may list (a close names sheets, sheets name sheets)."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    proposal_id = models.CharField(max_length=64, db_index=True)
    teller_id = models.CharField(max_length=64)
