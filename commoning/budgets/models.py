"""Projection tables of participatory budgets, rebuilt from `budget.*` entries alone.

Every row is keyed by the id of the entry that made it, so any delivery order writes the same
rows. Vote counts, the selection and the spent sum are kept by `result.recount`, never counted
when a page is read.
"""

from django.db import models


class Round(models.Model):
    """A budgeting round, opened by a `budget.round` entry whose id is the round's id."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    title = models.CharField(max_length=120)
    currency = models.CharField(max_length=3)
    budget_minor = models.BigIntegerField()
    proposing_closes_ms = models.BigIntegerField()  # projects up to this time; ballots after
    voting_closes_ms = models.BigIntegerField()  # ballots up to this time; a close after it
    opened_by = models.CharField(max_length=64)  # member id of the steward
    roster_heads = models.TextField()  # comma-separated roster entry ids: the frozen electorate
    imported = models.BooleanField(default=False)  # opened from a Pabulib file
    created_ts = models.BigIntegerField()
    project_count = models.IntegerField(default=0)
    # Set by the close that counts (the earliest by ts, author, id) and the recount it runs.
    close_id = models.CharField(max_length=64, blank=True, default="")
    closed_ts = models.BigIntegerField(null=True)
    ballots_counted = models.IntegerField(default=0)
    spent_minor = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["net", "-created_ts", "id"], name="budgets_round_recent")]


class Project(models.Model):
    """A project proposed in a round (`budget.project`)."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, db_constraint=False,
                              related_name="projects")
    title = models.CharField(max_length=120)
    description = models.TextField(blank=True, default="")
    cost_minor = models.BigIntegerField()
    proposer_id = models.CharField(max_length=64)
    source_id = models.CharField(max_length=64, blank=True, default="")  # a Pabulib project_id
    created_ts = models.BigIntegerField()
    votes = models.IntegerField(default=0)
    # After the close: 1, 2, ... in the order the greedy rule selected it, or null.
    selected_rank = models.IntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["round", "created_ts", "id"], name="budgets_project_round")]


class Ballot(models.Model):
    """An approval ballot (`budget.ballot`); a voter's later ballot replaces the earlier."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, db_constraint=False,
                              related_name="ballots")
    voter_id = models.CharField(max_length=64)
    author = models.CharField(max_length=64)
    seq = models.BigIntegerField()
    ts = models.BigIntegerField()
    approve = models.TextField(blank=True, default="")  # comma-separated project ids

    class Meta:
        indexes = [models.Index(fields=["round", "voter_id"], name="budgets_ballot_voter")]

    @property
    def approved_ids(self) -> list[str]:
        return [project for project in self.approve.split(",") if project]


class Close(models.Model):
    """A teller's close (`budget.close`) with the ballots it counts."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, db_constraint=False,
                              related_name="closes")
    teller_id = models.CharField(max_length=64)
    clock = models.CharField(max_length=160)  # (ts, author, id): the earliest close counts
    ts = models.BigIntegerField()
    ballots = models.TextField(blank=True, default="")  # comma-separated ballot ids

    @property
    def ballot_ids(self) -> list[str]:
        return [ballot for ballot in self.ballots.split(",") if ballot]
