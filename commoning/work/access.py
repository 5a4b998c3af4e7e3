"""The only reads of peer production that views, API and CLI use. Time-dependent status (a
claim expired, the objection window over, a role lapsed) is derived here, at read time, from
stored timestamps and the commons' rules; projections never hold it.
"""

from dataclasses import dataclass

from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commoning.accounts.models import Member
from commoning.commons.models import Commons
from commoning.log import clock
from commoning.log.append import text_of
from commoning.log.models import Attachment
from commoning.work import rules as work_rules
from commoning.work.events import lineage
from commoning.work.models import (
    Artifact,
    ArtifactFile,
    Claim,
    Contribution,
    CreditTally,
    Evidence,
    ForkLink,
    ReputationTally,
    Revision,
    RoleChange,
    RulesVersion,
    Task,
    Validation,
)
from commoning.work.verdicts import (  # the verdict reads, kept with access for callers
    RulesCache,
    RulesNote,
    RulesNotes,
    outdated_judgement,
    rules_by_id,
    rules_for,
    rules_judging,
    rules_note,
    standing_judgement,
    verdict,
    with_verdicts,
)

__all__ = [
    "RulesCache",
    "RulesNote",
    "RulesNotes",
    "outdated_judgement",
    "rules_by_id",
    "rules_for",
    "rules_judging",
    "rules_note",
    "standing_judgement",
    "verdict",
    "with_verdicts",
]


def now_ms() -> int:
    return clock.now_ms()


# -- rules ---------------------------------------------------------------------------------------
def rules_history(commons_id: str):
    return RulesVersion.objects.filter(commons_id=commons_id).order_by("-ts", "-id")


# -- contributions -------------------------------------------------------------------------------
def lineage_filter(commons_id: str, ts_field: str = "ts") -> Q:
    """Rows of a commons and, for a fork, of its origins up to the time of the fork."""
    query = Q()
    for cid, until in lineage(commons_id):
        part = Q(commons_id=cid)
        if until is not None:
            part &= Q(**{f"{ts_field}__lte": until})
        query |= part
    return query


def contributions_in(commons_id: str):
    """A commons' contributions, including those a fork carries from its origins."""
    return Contribution.objects.filter(lineage_filter(commons_id)).order_by("-ts", "id")


def get_contribution(net: str, contribution_id: str) -> Contribution | None:
    return Contribution.objects.filter(net=net, id=contribution_id).first()


def validations_of(contribution_id: str):
    return Validation.objects.filter(contribution_id=contribution_id).order_by("ts", "id")


def get_validation(net: str, validation_id: str) -> Validation | None:
    return Validation.objects.filter(net=net, id=validation_id).first()


# -- tasks ---------------------------------------------------------------------------------------
@dataclass
class TaskView:
    task: Task
    status: str
    holder_ids: list  # members holding the task, first-known first (see work.rules.task_status)
    holder_claim_ids: list  # their claims, in the same order

    @property
    def holder_id(self) -> str | None:
        """The first holder, for one-line displays; every holder has the same standing."""
        return self.holder_ids[0] if self.holder_ids else None


def claim_facts(claim: Claim) -> work_rules.ClaimFact:
    return work_rules.ClaimFact(
        claim.id,
        claim.member_id,
        claim.ts,
        claim.released,
        frozenset(claim.known_claims.split()),
    )


def task_views(tasks, now: int | None = None) -> list[TaskView]:
    """Status of each task at read time, with a handful of queries for the whole list."""
    now = now if now is not None else now_ms()
    tasks = list(tasks)
    ids = [task.id for task in tasks]
    claims: dict[str, list] = {}
    for claim in Claim.objects.filter(task_id__in=ids):
        claims.setdefault(claim.task_id, []).append(claim_facts(claim))
    submitters: dict[str, set] = {}
    for task_id, member_id in Contribution.objects.filter(
        task_id__in=ids, hidden=False
    ).values_list("task_id", "member_id"):
        submitters.setdefault(task_id, set()).add(member_id)
    # Read afresh, not from the objects given: a caller may hold a task loaded before its work
    # was judged.
    done_from = dict(Task.objects.filter(id__in=ids).values_list("id", "done_from_ts"))
    rules_cache: dict = {}
    views = []
    for task in tasks:
        if task.commons_id not in rules_cache:
            rules_cache[task.commons_id] = rules_for(task.commons_id)
        rules = rules_cache[task.commons_id]
        # Done once linked work is validated, each contribution by the rules it was recorded
        # under (a rules change never turns a done task back): the earliest moment one of them
        # counts is kept by the apply functions (events.task_state, from `credit_closes_ts`).
        done = done_from.get(task.id) is not None and done_from[task.id] <= now
        status, holders = work_rules.task_status(
            rules=rules,
            claims=claims.get(task.id, []),
            submitters=submitters.get(task.id, set()),
            done=done,
            now_ms=now,
        )
        views.append(
            TaskView(
                task,
                status,
                [claim.member_id for claim in holders],
                [claim.id for claim in holders],
            )
        )
    return views


def tasks_in(commons_id: str):
    return Task.objects.filter(commons_id=commons_id).order_by("-created_ts", "id")


def get_task(net: str, task_id: str) -> Task | None:
    return Task.objects.filter(net=net, id=task_id).first()


def task_view(task: Task) -> TaskView:
    return task_views([task])[0]


def board(commons_id: str, now: int | None = None) -> dict[str, list[TaskView]]:
    """The stigmergic board: a page of tasks per column of what they need next, with totals
    (commoning.work.task_board)."""
    from commoning.work import task_board  # it reads task_views from here

    return task_board.board(commons_id, now)


def task_totals(commons_id: str, now: int | None = None) -> dict[str, int]:
    """How many tasks of a commons each board column holds now."""
    from commoning.work import task_board

    return task_board.totals(commons_id, now)


def claims_of(member_id: str, task_id: str):
    return Claim.objects.filter(member_id=member_id, task_id=task_id, released=False)


def known_claim_ids(task_id: str, limit: int = 15) -> list[str]:
    """The unreleased claims on a task this node knows of, latest first, for a new claim's deps:
    what it declares it knew, so holders it did not displace keep their place before it."""
    return list(
        Claim.objects.filter(task_id=task_id, released=False)
        .order_by("-ts", "-id")
        .values_list("id", flat=True)[:limit]
    )


# -- roles ---------------------------------------------------------------------------------------
@dataclass
class RoleView:
    member_id: str
    grant: RoleChange
    lapsed: bool
    last_active_ts: int


def maintainers(commons_id: str, now: int | None = None) -> list[RoleView]:
    """Current maintainers: the founder, and unrevoked grants not lapsed by inactivity."""
    now = now if now is not None else now_ms()
    rules = rules_for(commons_id)
    grants = list(
        RoleChange.objects.filter(commons_id=commons_id, change="grant", revoked=False).order_by(
            "ts", "id"
        )
    )
    # Each grantee's latest contribution here, in one grouped query (not one per grant).
    latest = dict(
        Contribution.objects.filter(
            commons_id=commons_id, member_id__in={grant.member_id for grant in grants}
        )
        .values("member_id")
        .annotate(last=Max("ts"))
        .values_list("member_id", "last")
    )
    views = {}
    for grant in grants:
        if grant.member_id in views:
            continue
        last = latest.get(grant.member_id) or 0
        last_active = max(last, grant.ts)
        lapsed = (
            rules.mode == "rules-led"
            and now > last_active + rules.inactivity_days * work_rules.DAY_MS
        )
        views[grant.member_id] = RoleView(grant.member_id, grant, lapsed, last_active)
    return list(views.values())


def is_maintainer(commons: Commons, member_id: str) -> bool:
    if commons.founder_id == member_id:
        return True
    return any(v.member_id == member_id and not v.lapsed for v in maintainers(commons.id))


def role_grant_of(commons_id: str, member_id: str) -> RoleChange | None:
    """The member's standing grant, which they list in deps when acting as maintainer."""
    for view in maintainers(commons_id):
        if view.member_id == member_id and not view.lapsed:
            return view.grant
    return None


def role_history(commons_id: str):
    return RoleChange.objects.filter(commons_id=commons_id).order_by("-ts", "-id")


def earning_evidence(commons_id: str, member_id: str, now: int | None = None) -> list[str] | None:
    """The approvals that earn `member` the maintainer role now, or None if the rule is not met.

    At most 15 approvals are listed (an entry has 16 deps, one is the rules version and one the
    commons), chosen oldest first so two nodes pick the same ones.
    """
    now = now if now is not None else now_ms()
    rules = rules_for(commons_id)
    if rules.mode != "rules-led" or not rules.rules_id:
        return None
    contributions = Contribution.objects.filter(
        commons_id=commons_id,
        member_id=member_id,
        hidden=False,
        standing_objections=0,
        approvals__gte=rules.min_approvals,
    ).order_by("ts", "id")
    chosen: list[str] = []
    counted_ids: list[str] = []
    counted = 0
    maintainer_ids: set = set()
    for contribution in contributions:
        # The window runs from the approval that reached the threshold (rules.window_anchor).
        anchor = work_rules.window_anchor(
            rules, work_rules.parse_times(contribution.approval_times)
        )
        if anchor is None or now < anchor + rules.window_ms:
            continue
        approvals = validations_of(contribution.id).filter(verdict="approve", standing=True)
        # The earliest approvals, so the rule finds the same anchor from them alone.
        picked = list(approvals.order_by("ts", "id")[: rules.min_approvals])
        if len(chosen) + len(picked) > 14:
            break
        chosen += [a.id for a in picked]
        maintainer_ids |= {a.member_id for a in picked if a.by_maintainer}
        counted_ids.append(contribution.id)
        counted += 1
        if counted >= rules.maintainer_contributions:
            break
    if counted < rules.maintainer_contributions:
        return None
    if len(maintainer_ids) < rules.maintainer_approvals:
        # Add further maintainer approvals of the contributions counted, if there is room.
        extra = (
            Validation.objects.filter(
                verdict="approve",
                standing=True,
                by_maintainer=True,
                contribution_id__in=counted_ids,
            )
            .exclude(id__in=chosen)
            .order_by("ts", "id")
        )
        for approval in extra:
            if len(maintainer_ids) >= rules.maintainer_approvals or len(chosen) >= 14:
                break
            if approval.member_id not in maintainer_ids:
                chosen.append(approval.id)
                maintainer_ids.add(approval.member_id)
        if len(maintainer_ids) < rules.maintainer_approvals:
            return None
    return chosen


# -- reputation ----------------------------------------------------------------------------------
def reputation(member_id: str, now: int | None = None) -> dict:
    """A member's validated contributions and effort by commons and kind, and by month.

    Read from the reputation tallies the apply functions keep (one row per commons, kind and
    month the member worked in), less the contributions still in their objection window: never
    the member's whole history. Credit in a fork: the contributions a fork carries from its
    origins keep their author, and are listed under each fork as `carried` (as the fork's own
    credits count them). `recount_reputation` is the full recount, kept as a test oracle.
    """
    now = now if now is not None else now_ms()
    tallies: dict[tuple, list] = {
        (commons_id, kind, month): [recorded, count, effort]
        for commons_id, kind, month, recorded, count, effort in ReputationTally.objects.filter(
            member_id=member_id
        ).values_list("commons_id", "kind", "month", "recorded", "count", "effort_minutes")
    }
    in_window = list(
        Contribution.objects.filter(member_id=member_id, credit_closes_ts__gt=now).values_list(
            "commons_id", "credited_kind", "ts", "credited_effort"
        )
    )
    for commons_id, kind, ts, effort in in_window:
        sums = tallies[(commons_id, kind, work_rules.month_of(ts))]
        sums[1] -= 1
        sums[2] -= effort
    recorded = sum(sums[0] for sums in tallies.values())
    by_commons: dict[str, dict] = {}
    by_month: dict[str, int] = {}
    for (commons_id, kind, month), (_recorded, count, effort) in tallies.items():
        if count <= 0:
            continue
        kinds = by_commons.setdefault(commons_id, {})
        sums = kinds.setdefault(kind, {"count": 0, "effort_minutes": 0})
        sums["count"] += count
        sums["effort_minutes"] += effort
        by_month[month] = by_month.get(month, 0) + effort
    carried = _carried_now(member_id, in_window)
    return _reputation_out(member_id, by_commons, by_month, recorded, carried)


def _carried_now(member_id: str, in_window: list) -> list[dict]:
    """Per fork, the member's validated contributions it carries from its origins now."""
    carried = []
    for fork_id, count in CreditTally.objects.filter(
        member_id=member_id, carried__gt=0
    ).values_list("commons_id", "carried"):
        origins = lineage(fork_id)[1:]
        count -= sum(
            1
            for commons_id, _kind, ts, _effort in in_window
            for origin_id, until in origins
            if commons_id == origin_id and ts <= until
        )
        if count > 0:
            carried.append({"fork_id": fork_id, "origin_id": origins[0][0], "count": count})
    return carried


def _reputation_out(member_id, by_commons: dict, by_month: dict, recorded: int, carried) -> dict:
    names = dict(
        Commons.objects.filter(
            id__in=[*by_commons, *(row["fork_id"] for row in carried)]
        ).values_list("id", "name")
    )
    commons_rows = [
        {
            "commons_id": cid,
            "name": names.get(cid, cid[:12]),
            "kinds": dict(sorted(kinds.items())),
            "count": sum(sums["count"] for sums in kinds.values()),
            "effort_minutes": sum(sums["effort_minutes"] for sums in kinds.values()),
        }
        for cid, kinds in sorted(
            by_commons.items(), key=lambda kv: (names.get(kv[0], kv[0]), kv[0])
        )
    ]
    for row in carried:
        row["name"] = names.get(row["fork_id"], row["fork_id"][:12])
    all_kinds: dict = {}
    for row in commons_rows:
        for kind, sums in row["kinds"].items():
            total = all_kinds.setdefault(kind, {"count": 0, "effort_minutes": 0})
            total["count"] += sums["count"]
            total["effort_minutes"] += sums["effort_minutes"]
    validated = sum(row["count"] for row in commons_rows)
    return {
        "member_id": member_id,
        "validated": validated,
        "effort_minutes": sum(row["effort_minutes"] for row in commons_rows),
        "pending": recorded - validated,
        "kinds": dict(sorted(all_kinds.items())),
        "commons": commons_rows,
        "carried": sorted(carried, key=lambda row: (row["name"], row["fork_id"])),
        "months": sorted(by_month.items()),
    }


def recount_reputation(member_id: str, now: int | None = None) -> dict:
    """A member's reputation by judging each of their contributions: what `reputation` did
    before the tallies (carried work as each fork's recounted credits give it), the oracle
    tests compare against."""
    now = now if now is not None else now_ms()
    judging = RulesCache()
    by_commons: dict[str, dict] = {}
    by_month: dict[str, int] = {}
    recorded = 0
    for row in Contribution.objects.filter(member_id=member_id, hidden=False):
        recorded += 1
        if not verdict(row, judging(row.commons_id, row.rules_id), now).counts:
            continue
        sums = by_commons.setdefault(row.commons_id, {}).setdefault(
            row.kind, {"count": 0, "effort_minutes": 0}
        )
        sums["count"] += 1
        sums["effort_minutes"] += row.effort_minutes
        month = work_rules.month_of(row.ts)
        by_month[month] = by_month.get(month, 0) + row.effort_minutes
    carried = []
    for link in ForkLink.objects.all():
        for credit in recount_credits_in(link.fork_id, now):
            if credit["member_id"] == member_id and credit["carried"]:
                carried.append(
                    {
                        "fork_id": link.fork_id,
                        "origin_id": link.origin_id,
                        "count": credit["carried"],
                    }
                )
    return _reputation_out(member_id, by_commons, by_month, recorded, carried)


def credits_in(commons_id: str, now: int | None = None) -> list[dict]:
    """Validated contributions per member in a commons, fork-carried ones included.

    Read from the tallies the apply functions keep (events.credits), less the contributions
    whose objection window is still open now: one row per member plus the recent few, never
    the commons' history. `recount_credits_in` is the old full recount, kept as a test oracle.
    """
    return _named_credits(_credit_sums(commons_id, now))


def top_credits_in(commons_id: str, limit: int, now: int | None = None) -> tuple[list, int]:
    """The first `limit` rows of `credits_in`, and how many members it holds in all; names are
    looked up only for the members that can be shown."""
    per_member = _credit_sums(commons_id, now)
    if len(per_member) <= limit:
        return _named_credits(per_member), len(per_member)
    # Names order members of equal count, so every member tied with the last one shown is
    # named and sorted too; the others cannot be shown.
    least = sorted((sums["count"] for sums in per_member.values()), reverse=True)[limit - 1]
    shown = {k: sums for k, sums in per_member.items() if sums["count"] >= least}
    return _named_credits(shown)[:limit], len(per_member)


def _credit_sums(commons_id: str, now: int | None = None) -> dict[str, dict]:
    now = now if now is not None else now_ms()
    per_member = {
        member_id: {
            "member_id": member_id,
            "count": count,
            "effort_minutes": effort,
            "carried": carried,
        }
        for member_id, count, effort, carried in CreditTally.objects.filter(
            commons_id=commons_id
        ).values_list("member_id", "count", "effort_minutes", "carried")
    }
    still_in_window = Contribution.objects.filter(
        lineage_filter(commons_id), credit_closes_ts__gt=now
    ).values_list("member_id", "credited_effort", "commons_id")
    for member_id, effort, row_commons_id in still_in_window:
        sums = per_member[member_id]
        sums["count"] -= 1
        sums["effort_minutes"] -= effort
        sums["carried"] -= row_commons_id != commons_id
    return {k: sums for k, sums in per_member.items() if sums["count"] > 0}


def validated_count_in(commons_id: str, now: int | None = None) -> int:
    """How many contributions count in a commons now (carried ones included), from the tallies."""
    now = now if now is not None else now_ms()
    counted = CreditTally.objects.filter(commons_id=commons_id).aggregate(total=Sum("count"))
    in_window = Contribution.objects.filter(
        lineage_filter(commons_id), credit_closes_ts__gt=now
    ).count()
    return (counted["total"] or 0) - in_window


def recount_credits_in(commons_id: str, now: int | None = None) -> list[dict]:
    """Credits by judging every contribution of the commons' lineage: what `credits_in` did
    before the tallies, and what they must equal (tests compare the two)."""
    now = now if now is not None else now_ms()
    per_member: dict[str, dict] = {}
    for row in with_verdicts(contributions_in(commons_id).filter(hidden=False), now):
        if not row.verdict.counts:
            continue
        sums = per_member.setdefault(
            row.member_id,
            {"member_id": row.member_id, "count": 0, "effort_minutes": 0, "carried": 0},
        )
        sums["count"] += 1
        sums["effort_minutes"] += row.effort_minutes
        sums["carried"] += row.commons_id != commons_id
    return _named_credits(per_member)


def _named_credits(per_member: dict) -> list[dict]:
    names = dict(Member.objects.filter(id__in=list(per_member)).values_list("id", "name"))
    for sums in per_member.values():
        sums["name"] = names.get(sums["member_id"], sums["member_id"][:12])
    return sorted(per_member.values(), key=lambda s: (-s["count"], s["name"], s["member_id"]))


# -- artifacts and forks -------------------------------------------------------------------------
def artifacts_in(commons_id: str):
    """A commons' artifacts, with those a fork carries from its origins."""
    return Artifact.objects.filter(lineage_filter(commons_id, "created_ts")).order_by("title", "id")


def get_artifact(net: str, artifact_id: str) -> Artifact | None:
    return Artifact.objects.filter(net=net, id=artifact_id).first()


def revisions_of(artifact: Artifact, commons_id: str):
    """An artifact's revisions as seen from a commons (a fork sees the origin's up to the fork)."""
    return Revision.objects.filter(lineage_filter(commons_id), artifact_id=artifact.id).order_by(
        "-ts", "-id"
    )


def get_revision(net: str, revision_id: str) -> Revision | None:
    return Revision.objects.filter(net=net, id=revision_id).first()


def fork_of(commons_id: str) -> ForkLink | None:
    return ForkLink.objects.filter(fork_id=commons_id).first()


def forks_from(commons_id: str):
    return ForkLink.objects.filter(origin_id=commons_id).order_by("ts", "fork_id")


# -- attachments ---------------------------------------------------------------------------------
def attachment_texts(hashes) -> dict[str, str]:
    """The texts of many attachments in one query, by hash (those not here are left out), so a
    list never reads one attachment per row."""
    wanted = {att_hash for att_hash in hashes if att_hash}
    if not wanted:
        return {}
    return {
        att_hash: text_of(bytes(body))
        for att_hash, body in Attachment.objects.filter(hash__in=wanted, erased=False).values_list(
            "hash", "body"
        )
    }


# -- matching ------------------------------------------------------------------------------------
def matches_for(member_id: str, limit: int = 10) -> list[tuple[TaskView, str]]:
    """Open tasks that fit a member's past validated work, each with the reason it fits."""
    now = now_ms()
    # From the member's reputation tallies, not their history: the commons they recorded
    # visible work in, and their validated contributions by kind (less those still in window).
    kinds: dict[str, int] = {}
    commons_ids: set = set()
    for commons_id, kind, count in ReputationTally.objects.filter(member_id=member_id).values_list(
        "commons_id", "kind", "count"
    ):
        commons_ids.add(commons_id)
        kinds[kind] = kinds.get(kind, 0) + count
    for kind in Contribution.objects.filter(
        member_id=member_id, credit_closes_ts__gt=now
    ).values_list("credited_kind", flat=True):
        kinds[kind] -= 1
    kinds = {kind: count for kind, count in kinds.items() if count > 0}
    if not kinds and not commons_ids:
        return []
    candidates = (
        Task.objects.filter(Q(kind__in=list(kinds)) | Q(commons_id__in=list(commons_ids)))
        .exclude(author_id=member_id)
        .order_by("-created_ts")[:200]
    )
    names = dict(
        Commons.objects.filter(id__in={t.commons_id for t in candidates}).values_list("id", "name")
    )
    found = []
    for view in task_views(candidates, now):
        if view.status not in ("open", "stale"):
            continue
        task = view.task
        if task.kind in kinds:
            reason = ngettext(
                "you have %(count)d validated %(kind)s contribution",
                "you have %(count)d validated %(kind)s contributions",
                kinds[task.kind],
            ) % {"count": kinds[task.kind], "kind": task.kind}
        else:
            reason = _("you have contributed to %(name)s") % {
                "name": names.get(task.commons_id) or _("this commons")
            }
        found.append((view, reason, -kinds.get(task.kind, 0)))
    found.sort(key=lambda item: item[2])
    return [(view, reason) for view, reason, _ in found[:limit]]


def evidence_of(contribution_id: str):
    return Evidence.objects.filter(contribution_id=contribution_id).order_by("ts", "id")


def get_evidence(net: str, evidence_id: str):
    return Evidence.objects.filter(net=net, id=evidence_id).first()


def files_of(artifact_id: str):
    """An artifact's files, oldest first (ts, then id: the same order on every node)."""
    return ArtifactFile.objects.filter(artifact_id=artifact_id).order_by("ts", "id")


def get_artifact_file(net: str, file_id: str):
    return ArtifactFile.objects.filter(net=net, id=file_id).first()
