"""Projection tables of the association, rebuilt from `association.*` entries alone.

`RosterEntry` holds every applied roster entry (founding, join, approval, leave, enactment)
with the roster entries it names in deps: the roster's own small DAG, from which
`roster.view_at` computes the association as any entry saw it.
"""

from django.db import models


class RosterEntry(models.Model):
    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    kind = models.CharField(max_length=8)  # found, join, approve, leave, enact
    member_id = models.CharField(max_length=64)  # who it is about: the author's member id
    ts = models.BigIntegerField()
    roster_deps = models.TextField(default="[]")  # JSON list of roster entry ids, sorted
    # JSON (sorted keys): what the entry means, with the facts its apply function derived from
    # its causal past (e.g. the approvals a join needs, the membership tags a leave ends).
    facts = models.TextField(default="{}")
    # No other roster entry lists this one in its deps (yet): what the next entry names.
    is_head = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["net", "is_head"], name="assoc_roster_head_idx"),
            models.Index(fields=["net", "kind", "ts"], name="assoc_roster_kind_idx"),
        ]

    def __str__(self):
        return f"{self.kind} {self.id[:12]}"
