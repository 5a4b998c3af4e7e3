"""Projection tables of peer production, each rebuilt from `work.*` entries alone.

Facts (claims, contributions, validations, role changes) are rows keyed by the id of the entry
that made them; the few mutable columns are either monotone flags (released, withdrawn, settled,
hidden), counters recomputed from the set of rows, or last-writer-wins fields with a clock, so
any delivery order gives the same tables. Time-dependent status (a claim expired, the objection
window over, a role lapsed) is never stored: access.py derives it at read time.
"""

from django.db import models


class RulesVersion(models.Model):
    """A published version of a commons' rules (`work.rules`): mode, thresholds, kinds, periods."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64, db_index=True)
    mode = models.CharField(max_length=16)  # "founder-led" or "rules-led"
    min_approvals = models.IntegerField()
    objection_window_days = models.IntegerField()
    claim_days = models.IntegerField()
    maintainer_contributions = models.IntegerField()
    maintainer_approvals = models.IntegerField()  # approvals from maintainers a member needs
    inactivity_days = models.IntegerField()
    kinds = models.TextField()  # comma-separated, sorted: built-in kinds and the commons' own
    # The commons' own kinds and their labels, as JSON {"field_trial": "Field trial"}.
    kind_labels = models.TextField(blank=True, default="")
    author_id = models.CharField(max_length=64)
    ts = models.BigIntegerField()
    # Where it sits on the founder's feed: the rules in force for the founder's own entries are
    # the latest version before them on that feed (see events.roles).
    author_key = models.CharField(max_length=64, blank=True, default="")
    seq = models.BigIntegerField(default=0)


class CommonsRules(models.Model):
    """The rules version in force for a commons: last writer wins by (ts, author, id)."""

    commons_id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    rules_id = models.CharField(max_length=64)
    clock = models.CharField(max_length=160)


class Task(models.Model):
    """A piece of open work (`work.task`); members claim it for themselves."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    description_hash = models.CharField(max_length=64, null=True, blank=True)
    author_id = models.CharField(max_length=64)
    created_ts = models.BigIntegerField()
    # Kept by events.task_state from the task's claims and linked work, never from the clock:
    # what the board selects a column's page by (access reads the status from them at `now`).
    stage = models.CharField(max_length=9, default="open")  # open, claimed, submitted or done
    phase = models.CharField(max_length=9, default="open")  # the stage were it not done
    done_from_ts = models.BigIntegerField(null=True, blank=True)  # linked work validated from
    live_claim_ts = models.BigIntegerField(null=True, blank=True)  # latest claim that can expire
    # For a task a fork carries: the origin's open task it was copied from (`from_task`).
    from_task_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["commons_id", "created_ts"], name="work_task_commons_idx"),
            # One page of a column, newest first; claims still fresh; done work still in window.
            models.Index(fields=["commons_id", "stage", "created_ts"], name="work_task_stage_idx"),
            models.Index(fields=["commons_id", "stage", "live_claim_ts"],
                         name="work_task_claim_idx"),
            models.Index(fields=["commons_id", "done_from_ts"], name="work_task_done_idx"),
        ]


class TaskCount(models.Model):
    """How many tasks of a commons are at each stored stage (events.task_state), so the board
    shows its column totals without counting tasks; reads split them at `now`."""

    id = models.CharField(max_length=80, primary_key=True)  # "commons_id stage"
    net = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64, db_index=True)
    stage = models.CharField(max_length=9)
    count = models.IntegerField(default=0)


class Claim(models.Model):
    """A member's claim on a task (`work.claim`), released by their own `work.unclaim`."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    task_id = models.CharField(max_length=64, db_index=True)
    commons_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64, db_index=True)
    ts = models.BigIntegerField()
    author = models.CharField(max_length=64)  # device key that signed the claim
    released = models.BooleanField(default=False)
    # Earlier claims on the task this claim listed in deps (ids, space-separated): the part of
    # its causal past that orders holders. Never its ts: see work.rules.task_status.
    known_claims = models.TextField(default="", blank=True)


class Contribution(models.Model):
    """Work a member says they did (`work.contribution`), with counters of its validations."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64)
    task_id = models.CharField(max_length=64, null=True, blank=True, db_index=True)
    revision_id = models.CharField(max_length=64, null=True, blank=True)
    ts = models.BigIntegerField()
    # A record: the contributor may amend these; last writer wins per field.
    kind = models.CharField(max_length=20)
    effort_minutes = models.IntegerField()
    evidence_url = models.CharField(max_length=500, blank=True, default="")
    description_hash = models.CharField(max_length=64, null=True, blank=True)
    kind_clock = models.CharField(max_length=160)
    effort_clock = models.CharField(max_length=160)
    evidence_clock = models.CharField(max_length=160)
    description_clock = models.CharField(max_length=160)
    # The version judged: the id of the entry that last changed what is judged (the
    # contribution itself or an amendment, all on `author_key`'s feed), last writer wins.
    author_key = models.CharField(max_length=64, blank=True, default="")
    version = models.CharField(max_length=64, blank=True, default="")
    version_clock = models.CharField(max_length=160, blank=True, default="")
    # The rules that judge it, fixed when it was recorded: a `work.rules` id, the commons id for
    # the defaults (no version published yet), or "" for an entry that named none (it follows
    # the rules in force, as every contribution did before versions).
    rules_id = models.CharField(max_length=64, blank=True, default="")
    # Recomputed from the set of validations after each change, so order does not matter.
    # Only each member's latest judgement of the current version counts.
    approvals = models.IntegerField(default=0)  # distinct members with a standing approval
    maintainer_approvals = models.IntegerField(default=0)
    standing_objections = models.IntegerField(default=0)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True, default="")
    hidden_clock = models.CharField(max_length=160, blank=True, default="")  # first hide entry
    hidden_by = models.CharField(max_length=64, blank=True, default="")  # that entry's member
    # The ts of the standing approvals of the current version, ascending, comma-separated (at
    # most 50, the highest min_approvals): the objection window runs from the approval that
    # reached the threshold, an anchor the contributor cannot move (see rules.window_anchor).
    approval_times = models.TextField(blank=True, default="")
    # Kept by events.credits from the columns above and the rules that judge it: when it
    # reaches the threshold with no standing objection and is not hidden, the moment its
    # objection window closes (null otherwise), and the effort it adds to the credit tallies.
    # A read counts it as validated once `credit_closes_ts <= now`.
    credit_closes_ts = models.BigIntegerField(null=True, blank=True)
    credited_effort = models.IntegerField(default=0)
    # The kind it is tallied under in ReputationTally ("" while hidden), so an amendment of its
    # kind moves it from the old row to the new.
    credited_kind = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(fields=["member_id", "commons_id"], name="work_contrib_member_idx"),
            models.Index(fields=["commons_id", "ts"], name="work_contrib_commons_idx"),
            # The few whose window is still open now: what a read subtracts from the tallies.
            models.Index(fields=["commons_id", "credit_closes_ts"], name="work_contrib_window_idx"),
            models.Index(fields=["member_id", "credit_closes_ts"], name="work_contrib_mwindow_idx"),
            # A member's recent work on their profile, keyset-paged newest first.
            models.Index(fields=["member_id", "-ts", "-id"], name="work_contrib_member_ts_idx"),
        ]


class CreditTally(models.Model):
    """Credit of one member in one commons, kept by the apply functions (events.credits): the
    contributions that reached the threshold with no standing objection (`credit_closes_ts`
    set), their effort, and how many of them a fork carries from its origins.

    It counts those still in their objection window too; reads subtract them (few, indexed).
    A fork's rows include what it carries, so no read walks the origin's history.
    """

    id = models.CharField(max_length=140, primary_key=True)  # "commons_id member_id"
    net = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64, db_index=True)
    member_id = models.CharField(max_length=64, db_index=True)
    count = models.IntegerField(default=0)
    effort_minutes = models.BigIntegerField(default=0)
    carried = models.IntegerField(default=0)


class ReputationTally(models.Model):
    """A member's work in one commons, of one kind, in one month (of the contribution's ts),
    kept by the apply functions (events.credits) for the reputation page: how many visible
    (not hidden) contributions, and the count and effort of those that reached the threshold
    with no standing objection. Reads subtract those still in their objection window.
    """

    id = models.CharField(max_length=180, primary_key=True)  # "member commons kind month"
    net = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64, db_index=True)
    commons_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=20)
    month = models.CharField(max_length=7)  # "YYYY-MM", UTC
    recorded = models.IntegerField(default=0)
    count = models.IntegerField(default=0)
    effort_minutes = models.BigIntegerField(default=0)


class ContributionVersion(models.Model):
    """A version of a contribution: the contribution entry or one of its amendments. A
    validation names the version it judged."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    contribution_id = models.CharField(max_length=64, db_index=True)
    clock = models.CharField(max_length=160)


class Validation(models.Model):
    """Another member's judgement of a contribution (`work.validation`): approve or object."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    contribution_id = models.CharField(max_length=64, db_index=True)
    commons_id = models.CharField(max_length=64)
    member_id = models.CharField(max_length=64)
    verdict = models.CharField(max_length=8)  # "approve" or "object"
    reason = models.CharField(max_length=500, blank=True, default="")
    by_maintainer = models.BooleanField(default=False)  # the founder, or a role named in deps
    ts = models.BigIntegerField()
    withdrawn = models.BooleanField(default=False)
    settled = models.BooleanField(default=False)
    settled_reason = models.CharField(max_length=500, blank=True, default="")
    settled_clock = models.CharField(max_length=160, blank=True, default="")  # first settle entry
    version = models.CharField(max_length=64, blank=True, default="")  # the version judged
    clock = models.CharField(max_length=160, blank=True, default="")  # (ts, author, id)
    # Recounted: this is the member's latest judgement of the contribution, of its current
    # version, and not withdrawn. Only standing judgements count.
    standing = models.BooleanField(default=False)


class RoleChange(models.Model):
    """A role granted or revoked (`work.role`), saying which rule caused it."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64, db_index=True)
    member_id = models.CharField(max_length=64)
    role = models.CharField(max_length=20)
    change = models.CharField(max_length=8)  # "grant" or "revoke"
    rule = models.CharField(max_length=20)  # "earned", "appointed" or "recall"
    rules_id = models.CharField(max_length=64)
    author_id = models.CharField(max_length=64)
    reason = models.CharField(max_length=500, blank=True, default="")
    ts = models.BigIntegerField()
    revoked = models.BooleanField(default=False)  # for grants: a standing revoke names this one
    # For revokes: the grants it names, the recalled member's feed heads it had seen
    # ("key:seq", comma-separated), and the grant its author relied on ("" for the founder or a
    # lapse). `void` when a standing recall of that grant had not seen it (events.maintainers).
    grants = models.TextField(blank=True, default="")
    heads = models.TextField(blank=True, default="")
    relied_grant_id = models.CharField(max_length=64, blank=True, default="")
    author_key = models.CharField(max_length=64, blank=True, default="")
    seq = models.BigIntegerField(default=0)
    void = models.BooleanField(default=False)


class MaintainerAct(models.Model):
    """A hide or settle entry: what a maintainer did, and the grant they relied on.

    Its effect counts unless a standing recall of that grant had not seen it (`void`); the
    contribution's `hidden` and the objection's `settled` are recomputed from these rows.
    """

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=8)  # "hide" or "settle"
    target_id = models.CharField(max_length=64, db_index=True)  # contribution or objection
    member_id = models.CharField(max_length=64)
    author_key = models.CharField(max_length=64)
    seq = models.BigIntegerField()
    grant_id = models.CharField(max_length=64, blank=True, default="")  # "" for the founder
    reason = models.CharField(max_length=500)
    clock = models.CharField(max_length=160)
    void = models.BooleanField(default=False)


class Artifact(models.Model):
    """A thing a commons produces (`work.artifact`); its versions are immutable revisions."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    commons_id = models.CharField(max_length=64, db_index=True)
    title = models.CharField(max_length=200)
    author_id = models.CharField(max_length=64)
    created_ts = models.BigIntegerField()


class Revision(models.Model):
    """One immutable version of an artifact (`work.revision`); the body is the attachment.

    A revision names the version it was made from (`parent`); a merge also names the other
    current version it joins (`merged`), and a restore the old version whose text it brings
    back (`restored`). The current versions (heads) are those no other revision names as
    parent or merged: derived at read time from the set of rows, so arrival order never matters.
    """

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    artifact_id = models.CharField(max_length=64, db_index=True)
    commons_id = models.CharField(max_length=64)  # where it was made (a fork may revise)
    parent_id = models.CharField(max_length=64, null=True, blank=True, db_index=True)
    merged_id = models.CharField(max_length=64, null=True, blank=True, db_index=True)
    restored_id = models.CharField(max_length=64, null=True, blank=True)
    note = models.CharField(max_length=300)
    body_hash = models.CharField(max_length=64)
    author_id = models.CharField(max_length=64)
    ts = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["artifact_id", "ts"], name="work_revision_history_idx")]


class ForkLink(models.Model):
    """A fork (`work.fork`): the new commons (same id as the entry) and the one it came from."""

    fork_id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    origin_id = models.CharField(max_length=64, db_index=True)
    origin_rules_id = models.CharField(max_length=64, blank=True, default="")
    reason = models.CharField(max_length=500)
    author_id = models.CharField(max_length=64)
    ts = models.BigIntegerField()


class Evidence(models.Model):
    """A file a contributor attaches to their contribution (`work.evidence`): a fact.

    The file itself is the entry's attachment (kept by hash, erasable); this row names it.
    """

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    contribution_id = models.CharField(max_length=64, db_index=True)
    member_id = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    media_type = models.CharField(max_length=100)
    file_hash = models.CharField(max_length=64)
    size = models.BigIntegerField()
    ts = models.BigIntegerField()


class ArtifactFile(models.Model):
    """A file attached to an artifact (`work.artifact_file`): a drawing, CAD model, STL, PDF,
    photo. A fact; the file itself is the entry's attachment (kept by hash), this row names it."""

    id = models.CharField(max_length=64, primary_key=True)
    net = models.CharField(max_length=64)
    artifact_id = models.CharField(max_length=64, db_index=True)
    member_id = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    media_type = models.CharField(max_length=100)
    file_hash = models.CharField(max_length=64)
    size = models.BigIntegerField()
    ts = models.BigIntegerField()
