"""Entry types of peer production: what each `work.*` entry must satisfy and how it changes
the projection.

Every rule here reads only the entry and its causal past: each entry lists in `deps` what it
relies on (the task a claim names, the contribution a validation judges, the role that makes its
author a maintainer, the approvals that earn a role). Mutable columns are monotone flags,
counters recomputed from the set of rows, or last-writer-wins fields, so any delivery order of
the same entries gives the same tables. Nothing here reads the clock.
"""

import re
from typing import NamedTuple

from commoning.accounts.events import field_clock
from commoning.commons.models import Commons
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import (
    Forbidden,
    Rejected,
    batch_memo,
    register,
    register_projection,
)
from commoning.log.registry import member_of as registry_member_of
from commoning.work import rules as work_rules
from commoning.work.models import (
    Artifact,
    Claim,
    CommonsRules,
    Contribution,
    Evidence,
    ForkLink,
    Revision,
    RoleChange,
    RulesVersion,
    Task,
    Validation,
)

TITLE_MAX = 200
REASON_MAX = 500
NOTE_MAX = 300
URL_MAX = 500
EFFORT_MAX = 100_000  # minutes (about ten working weeks in one contribution)


# -- helpers -------------------------------------------------------------------------------------
# The registry remembers members per batch; a process-wide memory would go stale when a
# rebuild cuts an identity at a fork, or a transaction that created it rolls back.
member_of = registry_member_of


def _needs_dep(entry, entry_id: str, what: str) -> None:
    if entry_id not in entry.deps:
        raise Rejected(f"the {what} must be listed in deps")


COMMONS_FACTS_SQL = "SELECT id, founder_id FROM commons_commons WHERE id = %s AND net = %s"


class CommonsFacts(NamedTuple):
    """What rules need of a commons: its id and founder (neither ever changes)."""

    id: str
    founder_id: str


def _commons(entry, field: str = "commons") -> CommonsFacts:
    commons_id = fields.entry_id(entry.data, field)
    _needs_dep(entry, commons_id, "commons")
    # A commons, once it exists, never changes id, network or founder, so a batch may keep
    # what it found (never a miss: the commons may arrive later in the same batch).
    memo = batch_memo()
    key = ("commons", commons_id, entry.net)
    if memo is not None and key in memo:
        return memo[key]
    row = sql.fetch_one(COMMONS_FACTS_SQL, [commons_id, entry.net])
    if row is None:
        raise Rejected("no such commons in this network")
    facts = CommonsFacts(*row)
    if memo is not None:
        memo[key] = facts
    return facts


def _row(entry, model, field: str, what: str):
    row_id = fields.entry_id(entry.data, field)
    _needs_dep(entry, row_id, what)
    row = model.objects.filter(id=row_id, net=entry.net).first()
    if row is None:
        raise Rejected(f"no such {what} in this network")
    return row


def _reason(entry, *, required: bool) -> str:
    if "reason" not in entry.data and not required:
        return ""
    return fields.text(entry.data, "reason", max_length=REASON_MAX)


def is_maintainer_by_deps(entry, commons_id: str, member_id: str) -> bool:
    """The founder of the commons, or a member whose maintainer grant is listed in deps."""
    memo = batch_memo()
    founder = memo.get(("founder", commons_id)) if memo is not None else None
    if founder is None:
        row = sql.fetch_one(f"SELECT founder_id FROM {sql.table(Commons)} WHERE id = %s",
                            [commons_id])
        founder = row[0] if row else None
        if founder is not None and memo is not None:
            memo[("founder", commons_id)] = founder  # fixed for the batch: founders never change
    if founder == member_id:
        return True
    if len(entry.deps) < 2:  # only the judged entry itself: no role was named
        return False
    return RoleChange.objects.filter(
        id__in=list(entry.deps),
        commons_id=commons_id,
        member_id=member_id,
        role=work_rules.ROLE_MAINTAINER,
        change="grant",
    ).exists()


def _kind(data) -> str:
    kind = fields.text(data, "kind", max_length=20)
    if kind not in work_rules.KINDS:
        raise fields.FieldError("kind", "must be one of " + ", ".join(work_rules.KINDS))
    return kind


def _url(data) -> str:
    url = fields.text(data, "evidence_url", max_length=URL_MAX)
    if not url.startswith(("https://", "http://")):
        raise fields.FieldError("evidence_url", "must be an http(s) link")
    return url


# -- rules ---------------------------------------------------------------------------------------
RULE_NUMBERS = {
    "min_approvals": (1, 50),
    "objection_window_days": (0, 365),
    "claim_days": (1, 365),
    "maintainer_contributions": (1, 1000),
    "maintainer_approvals": (0, 1000),
    "inactivity_days": (1, 3650),
}


def check_rules(entry):
    fields.only_fields(
        entry.data,
        {"commons", "mode", "kinds", *RULE_NUMBERS},
        {"commons", "mode", "kinds", *RULE_NUMBERS},
    )
    commons = _commons(entry)
    if commons.founder_id != member_of(entry):
        raise Forbidden("only the commons' founder publishes its rules")
    if entry.data["mode"] not in work_rules.MODES:
        raise fields.FieldError("mode", "must be founder-led or rules-led")
    for name, (low, high) in RULE_NUMBERS.items():
        fields.integer(entry.data, name, minimum=low, maximum=high)
    kinds = entry.data["kinds"]
    if (
        not isinstance(kinds, list)
        or not kinds
        or kinds != sorted(set(kinds))
        or any(kind not in work_rules.KINDS for kind in kinds)
    ):
        raise fields.FieldError("kinds", "must be a sorted list of known kinds")


def apply_rules(entry):
    data = entry.data
    RulesVersion.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=data["commons"],
        mode=data["mode"],
        kinds=",".join(data["kinds"]),
        author_id=member_of(entry),
        ts=entry.ts,
        **{name: data[name] for name in RULE_NUMBERS},
    )
    clock = field_clock(entry)
    current = CommonsRules.objects.filter(commons_id=data["commons"]).first()
    if current is None:
        CommonsRules.objects.create(
            commons_id=data["commons"], net=entry.net, rules_id=entry.id, clock=clock
        )
    elif clock > current.clock:
        current.rules_id, current.clock = entry.id, clock
        current.save(update_fields=["rules_id", "clock"])


# -- tasks and claims ----------------------------------------------------------------------------
def check_task(entry):
    fields.only_fields(entry.data, {"commons", "title", "kind"}, {"commons", "title", "kind"})
    _commons(entry)
    fields.text(entry.data, "title", max_length=TITLE_MAX)
    _kind(entry.data)


def apply_task(entry):
    Task.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=entry.data["commons"],
        title=entry.data["title"],
        kind=entry.data["kind"],
        description_hash=(entry.att or {}).get("hash"),
        author_id=member_of(entry),
        created_ts=entry.ts,
    )


def check_claim(entry):
    fields.only_fields(entry.data, {"task", "member"}, {"task"})
    _row(entry, Task, "task", "task")
    # A task is picked, never assigned: if a member is named, it must be the author.
    if "member" in entry.data and fields.entry_id(entry.data, "member") != member_of(entry):
        raise Forbidden("a member claims a task only for themselves; nobody claims for another")


def apply_claim(entry):
    task = Task.objects.get(id=entry.data["task"])
    Claim.objects.create(
        id=entry.id,
        net=entry.net,
        task_id=task.id,
        commons_id=task.commons_id,
        member_id=member_of(entry),
        ts=entry.ts,
        author=entry.author,
    )


def check_unclaim(entry):
    fields.only_fields(entry.data, {"claim"}, {"claim"})
    claim = _row(entry, Claim, "claim", "claim")
    if claim.member_id != member_of(entry):
        raise Forbidden("only the member who claimed a task may release the claim")


def apply_unclaim(entry):
    Claim.objects.filter(id=entry.data["claim"]).update(released=True)


# -- contributions -------------------------------------------------------------------------------
CONTRIBUTION_FIELDS = {"commons", "kind", "effort_minutes", "evidence_url", "task", "revision"}


def check_contribution(entry):
    fields.only_fields(entry.data, CONTRIBUTION_FIELDS, {"commons", "kind", "effort_minutes"})
    commons = _commons(entry)
    _kind(entry.data)
    fields.integer(entry.data, "effort_minutes", minimum=1, maximum=EFFORT_MAX)
    if "evidence_url" in entry.data:
        _url(entry.data)
    if "task" in entry.data and _row(entry, Task, "task", "task").commons_id != commons.id:
        raise Rejected("the task belongs to another commons")
    if "revision" in entry.data:
        _row(entry, Revision, "revision", "revision")


INSERT_CONTRIBUTION_SQL = """
INSERT INTO work_contribution (id, net, commons_id, member_id, task_id, revision_id, ts, kind,
  effort_minutes, evidence_url, description_hash, kind_clock, effort_clock, evidence_clock,
  description_clock, approvals, maintainer_approvals, standing_objections, hidden,
  hidden_reason, hidden_clock)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 0, 0, 0, %s, '', '')
"""


def apply_contribution(entry):
    # Plain SQL: contributions are a quarter of a work log (see commoning.log.sql).
    data, clock = entry.data, field_clock(entry)
    sql.execute(
        INSERT_CONTRIBUTION_SQL,
        [entry.id, entry.net, data["commons"], member_of(entry), data.get("task"),
         data.get("revision"), entry.ts, data["kind"], data["effort_minutes"],
         data.get("evidence_url", ""), (entry.att or {}).get("hash"), clock, clock, clock,
         clock, False],
    )


def check_amend(entry):
    fields.only_fields(
        entry.data, {"contribution", "kind", "effort_minutes", "evidence_url"}, {"contribution"}
    )
    contribution = _row(entry, Contribution, "contribution", "contribution")
    if contribution.member_id != member_of(entry):
        raise Forbidden("only its author may amend a contribution")
    if "kind" in entry.data:
        _kind(entry.data)
    if "effort_minutes" in entry.data:
        fields.integer(entry.data, "effort_minutes", minimum=1, maximum=EFFORT_MAX)
    if "evidence_url" in entry.data:
        _url(entry.data)
    if len(entry.data) == 1 and entry.att is None:
        raise Rejected("an amendment must change something")


def apply_amend(entry):
    contribution = Contribution.objects.get(id=entry.data["contribution"])
    clock = field_clock(entry)
    changed = []
    for field, column, clock_column in (
        ("kind", "kind", "kind_clock"),
        ("effort_minutes", "effort_minutes", "effort_clock"),
        ("evidence_url", "evidence_url", "evidence_clock"),
    ):
        if field in entry.data and clock > getattr(contribution, clock_column):
            setattr(contribution, column, entry.data[field])
            setattr(contribution, clock_column, clock)
            changed += [column, clock_column]
    if entry.att is not None and clock > contribution.description_clock:
        contribution.description_hash, contribution.description_clock = entry.att["hash"], clock
        changed += ["description_hash", "description_clock"]
    if changed:
        contribution.save(update_fields=changed)


# -- validations ---------------------------------------------------------------------------------
# Validations are most of a work log (three or more per contribution), so their rule and
# apply use plain SQL: on a rebuild of millions of entries the ORM's query building dominates.
CONTRIBUTION_FACTS_SQL = (
    "SELECT commons_id, member_id FROM work_contribution WHERE id = %s AND net = %s"
)
INSERT_VALIDATION_SQL = """
INSERT INTO work_validation (id, net, contribution_id, commons_id, member_id, verdict, reason,
  by_maintainer, ts, withdrawn, settled, settled_reason, settled_clock)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', '')
"""
_judged: dict[str, tuple] = {}  # entry id -> contribution facts, from its rule to its apply


def check_validation(entry):
    fields.only_fields(
        entry.data, {"contribution", "verdict", "reason"}, {"contribution", "verdict"}
    )
    contribution_id = fields.entry_id(entry.data, "contribution")
    _needs_dep(entry, contribution_id, "contribution")
    facts = sql.fetch_one(CONTRIBUTION_FACTS_SQL, [contribution_id, entry.net])
    if facts is None:
        raise Rejected("no such contribution in this network")
    if entry.data["verdict"] not in ("approve", "object"):
        raise fields.FieldError("verdict", "must be approve or object")
    _reason(entry, required=entry.data["verdict"] == "object")
    if facts[1] == member_of(entry):
        raise Forbidden("nobody validates their own contribution")
    _judged.clear()
    _judged[entry.id] = tuple(facts)


RECOUNT_SQL = """
UPDATE work_contribution SET
  approvals = (SELECT COUNT(DISTINCT member_id) FROM work_validation
               WHERE contribution_id = %s AND withdrawn = %s AND verdict = 'approve'),
  maintainer_approvals = (SELECT COUNT(DISTINCT member_id) FROM work_validation
               WHERE contribution_id = %s AND withdrawn = %s AND verdict = 'approve'
               AND by_maintainer = %s),
  standing_objections = (SELECT COUNT(*) FROM work_validation
               WHERE contribution_id = %s AND withdrawn = %s AND verdict = 'object'
               AND settled = %s)
WHERE id = %s
"""


def recount(contribution_id: str) -> None:
    """Recompute a contribution's counters from the set of its validations, in one statement
    (it runs for every validation, so it skips the ORM's query building)."""
    sql.execute(
        RECOUNT_SQL,
        [contribution_id, False, contribution_id, False, True, contribution_id, False, False,
         contribution_id],
    )


def apply_validation(entry):
    contribution_id = entry.data["contribution"]
    facts = _judged.pop(entry.id, None)
    if facts is None:
        facts = sql.fetch_one(CONTRIBUTION_FACTS_SQL, [contribution_id, entry.net])
    commons_id = facts[0]
    member_id = member_of(entry)
    sql.execute(
        INSERT_VALIDATION_SQL,
        [entry.id, entry.net, contribution_id, commons_id, member_id, entry.data["verdict"],
         entry.data.get("reason", ""), is_maintainer_by_deps(entry, commons_id, member_id),
         entry.ts, False, False],
    )
    recount(contribution_id)


def check_withdraw(entry):
    fields.only_fields(entry.data, {"validation"}, {"validation"})
    validation = _row(entry, Validation, "validation", "validation")
    if validation.member_id != member_of(entry):
        raise Forbidden("only the member who gave a judgement may withdraw it")


def apply_withdraw(entry):
    validation = Validation.objects.get(id=entry.data["validation"])
    if not validation.withdrawn:
        validation.withdrawn = True
        validation.save(update_fields=["withdrawn"])
        recount(validation.contribution_id)


def check_settle(entry):
    fields.only_fields(entry.data, {"validation", "reason"}, {"validation", "reason"})
    validation = _row(entry, Validation, "validation", "objection")
    _reason(entry, required=True)
    if validation.verdict != "object":
        raise Rejected("only an objection can be settled")
    if not is_maintainer_by_deps(entry, validation.commons_id, member_of(entry)):
        raise Forbidden("only a maintainer (with their role listed in deps) settles objections")


def apply_settle(entry):
    validation = Validation.objects.get(id=entry.data["validation"])
    # Two maintainers may settle one objection at once: the first by (ts, author, id) is shown.
    clock = field_clock(entry)
    if not validation.settled or clock < validation.settled_clock:
        was_settled = validation.settled
        validation.settled, validation.settled_clock = True, clock
        validation.settled_reason = entry.data["reason"]
        validation.save(update_fields=["settled", "settled_clock", "settled_reason"])
        if not was_settled:
            recount(validation.contribution_id)


def check_hide(entry):
    fields.only_fields(entry.data, {"contribution", "reason"}, {"contribution", "reason"})
    contribution = _row(entry, Contribution, "contribution", "contribution")
    _reason(entry, required=True)
    if not is_maintainer_by_deps(entry, contribution.commons_id, member_of(entry)):
        raise Forbidden("only a maintainer (with their role listed in deps) hides spam")


def apply_hide(entry):
    contribution = Contribution.objects.get(id=entry.data["contribution"])
    # Hiding is monotone; of several hide entries the first by (ts, author, id) gives the reason.
    clock = field_clock(entry)
    if not contribution.hidden or clock < contribution.hidden_clock:
        contribution.hidden, contribution.hidden_clock = True, clock
        contribution.hidden_reason = entry.data["reason"]
        contribution.save(update_fields=["hidden", "hidden_clock", "hidden_reason"])


# -- roles ---------------------------------------------------------------------------------------
ROLE_FIELDS = {"commons", "member", "role", "change", "rule", "rules", "grants", "reason"}


def rules_version_for(commons_id: str, rules_id: str | None) -> work_rules.Rules:
    """The rules version an entry names (of this commons or inherited by a fork), or defaults."""
    if not rules_id:
        return work_rules.Rules()
    version = RulesVersion.objects.filter(id=rules_id).first()
    inherited = ForkLink.objects.filter(fork_id=commons_id, origin_rules_id=rules_id).exists()
    if version is None or (version.commons_id != commons_id and not inherited):
        raise Rejected("the rules named are not this commons' rules")
    return rules_from_version(version)


def rules_from_version(version: RulesVersion) -> work_rules.Rules:
    return work_rules.Rules(
        mode=version.mode,
        min_approvals=version.min_approvals,
        objection_window_days=version.objection_window_days,
        claim_days=version.claim_days,
        maintainer_contributions=version.maintainer_contributions,
        maintainer_approvals=version.maintainer_approvals,
        inactivity_days=version.inactivity_days,
        kinds=tuple(version.kinds.split(",")),
        rules_id=version.id,
    )


def earned_by(entry, commons_id: str, member_id: str, rules: work_rules.Rules) -> None:
    """Raise Rejected unless the approvals listed in deps meet the rules' maintainer threshold."""
    approvals = Validation.objects.filter(id__in=list(entry.deps), verdict="approve")
    contributions = {
        c.id: c
        for c in Contribution.objects.filter(
            id__in=[a.contribution_id for a in approvals],
            commons_id=commons_id,
            member_id=member_id,
        )
    }
    approvers: dict[str, set] = {}
    maintainers = set()
    for approval in approvals:
        contribution = contributions.get(approval.contribution_id)
        # Only approvals of the member's contributions here whose window had passed count.
        if contribution is None or entry.ts < contribution.ts + rules.window_ms:
            continue
        approvers.setdefault(contribution.id, set()).add(approval.member_id)
        if approval.by_maintainer:
            maintainers.add(approval.member_id)
    validated = [cid for cid, members in approvers.items() if len(members) >= rules.min_approvals]
    if len(validated) < rules.maintainer_contributions:
        raise Rejected(
            f"the approvals listed show {len(validated)} validated contributions; the rule needs "
            f"{rules.maintainer_contributions}"
        )
    if len(maintainers) < rules.maintainer_approvals:
        raise Rejected(
            f"the approvals listed include {len(maintainers)} from maintainers; the rule needs "
            f"{rules.maintainer_approvals}"
        )


def check_role(entry):
    fields.only_fields(entry.data, ROLE_FIELDS, {"commons", "member", "role", "change", "rule"})
    commons = _commons(entry)
    member_id = fields.entry_id(entry.data, "member")
    author_id = member_of(entry)
    if entry.data["role"] != work_rules.ROLE_MAINTAINER:
        raise fields.FieldError("role", "must be maintainer")
    rules_id = entry.data.get("rules")
    if rules_id is not None:
        _needs_dep(entry, fields.entry_id(entry.data, "rules"), "rules")
    rules = rules_version_for(commons.id, rules_id)
    change, rule = entry.data["change"], entry.data["rule"]
    if (change, rule) == ("grant", "earned"):
        if rules.mode != "rules-led":
            raise Rejected("roles are earned only under rules-led rules")
        earned_by(entry, commons.id, member_id, rules)
    elif (change, rule) == ("grant", "appointed"):
        if rules.mode != "founder-led":
            raise Rejected("under rules-led rules, roles are earned, not appointed")
        if commons.founder_id != author_id:
            raise Forbidden("only the founder appoints maintainers in a founder-led commons")
    elif (change, rule) == ("revoke", "recall"):
        _reason(entry, required=True)
        _grants_named(entry, commons.id, member_id)
        if not is_maintainer_by_deps(entry, commons.id, author_id):
            raise Forbidden("only the founder or a maintainer (role in deps) recalls a role")
    elif (change, rule) == ("revoke", "inactivity"):
        if rules.mode != "rules-led":
            raise Rejected("roles lapse by inactivity only under rules-led rules")
        grants = _grants_named(entry, commons.id, member_id)
        # The member's latest activity this entry knows of: the grants and any of their
        # contributions here listed in deps. Anyone may record the lapse once it is that old.
        latest = max(grant.ts for grant in grants)
        for contribution in Contribution.objects.filter(
            id__in=list(entry.deps), commons_id=commons.id, member_id=member_id
        ):
            latest = max(latest, contribution.ts)
        if entry.ts < latest + rules.inactivity_days * work_rules.DAY_MS:
            raise Rejected(
                f"the member was active less than {rules.inactivity_days} days before this entry"
            )
    else:
        raise Rejected(
            "change/rule must be grant/earned, grant/appointed, revoke/recall or revoke/inactivity"
        )


def _grants_named(entry, commons_id: str, member_id: str) -> list:
    grants = entry.data.get("grants")
    if not isinstance(grants, list) or not grants or grants != sorted(set(grants)):
        raise fields.FieldError("grants", "must list the grants revoked, sorted")
    for grant_id in grants:
        _needs_dep(entry, grant_id, "grant")
    found = list(
        RoleChange.objects.filter(
            id__in=grants, commons_id=commons_id, member_id=member_id, change="grant"
        )
    )
    if len(found) != len(grants):
        raise Rejected("every grant revoked must be this member's role in this commons")
    return found


def apply_role(entry):
    data = entry.data
    RoleChange.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=data["commons"],
        member_id=data["member"],
        role=data["role"],
        change=data["change"],
        rule=data["rule"],
        rules_id=data.get("rules", ""),
        author_id=member_of(entry),
        reason=data.get("reason", ""),
        ts=entry.ts,
    )
    if data["change"] == "revoke":
        RoleChange.objects.filter(id__in=data["grants"]).update(revoked=True)
    # A revoke may arrive before nothing else: grants are in its deps, so they exist already.


# -- artifacts and revisions ---------------------------------------------------------------------
def lineage(commons_id: str) -> list[tuple[str, int | None]]:
    """[(commons, until_ts)]: the commons itself, then each origin it was forked from, with the
    time of the fork (what the fork carries is what the origin had by then)."""
    chain = [(commons_id, None)]
    seen = {commons_id}
    until = None
    current = commons_id
    while True:
        link = ForkLink.objects.filter(fork_id=current).first()
        if link is None or link.origin_id in seen:
            return chain
        until = link.ts if until is None else min(until, link.ts)
        chain.append((link.origin_id, until))
        seen.add(link.origin_id)
        current = link.origin_id


def check_artifact(entry):
    fields.only_fields(entry.data, {"commons", "title"}, {"commons", "title"})
    _commons(entry)
    fields.text(entry.data, "title", max_length=TITLE_MAX)


def apply_artifact(entry):
    Artifact.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=entry.data["commons"],
        title=entry.data["title"],
        author_id=member_of(entry),
        created_ts=entry.ts,
    )


def check_revision(entry):
    fields.only_fields(
        entry.data, {"artifact", "commons", "parent", "note"}, {"artifact", "commons", "note"}
    )
    artifact = _row(entry, Artifact, "artifact", "artifact")
    commons = _commons(entry)
    fields.text(entry.data, "note", max_length=NOTE_MAX)
    if entry.att is None:
        raise Rejected("a revision's body is its attachment")
    if artifact.commons_id not in {cid for cid, _ in lineage(commons.id)}:
        raise Rejected("the artifact belongs to neither this commons nor one it was forked from")
    if "parent" in entry.data:
        parent = _row(entry, Revision, "parent", "parent revision")
        if parent.artifact_id != artifact.id:
            raise Rejected("the parent is a revision of another artifact")


def apply_revision(entry):
    Revision.objects.create(
        id=entry.id,
        net=entry.net,
        artifact_id=entry.data["artifact"],
        commons_id=entry.data["commons"],
        parent_id=entry.data.get("parent"),
        note=entry.data["note"],
        body_hash=entry.att["hash"],
        author_id=member_of(entry),
        ts=entry.ts,
    )


# -- forks ---------------------------------------------------------------------------------------
def check_fork(entry):
    fields.only_fields(
        entry.data, {"commons", "name", "reason", "rules"}, {"commons", "name", "reason"}
    )
    commons = _commons(entry)
    fields.text(entry.data, "name", max_length=120)
    _reason(entry, required=True)
    if "rules" in entry.data:
        _needs_dep(entry, fields.entry_id(entry.data, "rules"), "rules")
        if not RulesVersion.objects.filter(id=entry.data["rules"], commons_id=commons.id).exists():
            raise Rejected("the rules named are not the original commons' rules")


def apply_fork(entry):
    origin = Commons.objects.get(id=entry.data["commons"])
    clock = field_clock(entry)
    # The fork is a commons in its own right (founded by whoever forked), under the same licence.
    Commons.objects.create(
        id=entry.id,
        net=entry.net,
        name=entry.data["name"],
        licence=origin.licence,
        description_hash=origin.description_hash,
        founder_id=member_of(entry),
        created_ts=entry.ts,
        updated_ts=entry.ts,
        name_clock=clock,
        licence_clock=clock,
        description_clock=clock,
    )
    ForkLink.objects.create(
        fork_id=entry.id,
        net=entry.net,
        origin_id=origin.id,
        origin_rules_id=entry.data.get("rules", ""),
        reason=entry.data["reason"],
        author_id=member_of(entry),
        ts=entry.ts,
    )


MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,60}/[a-z0-9][a-z0-9!#$&^_.+-]{0,60}")


def check_evidence(entry):
    fields.only_fields(entry.data, {"contribution", "name", "media_type"},
                       {"contribution", "name", "media_type"})
    contribution = _row(entry, Contribution, "contribution", "contribution")
    if contribution.member_id != member_of(entry):
        raise Forbidden("only the contribution's author may attach evidence to it")
    fields.text(entry.data, "name", max_length=200)
    if not isinstance(entry.data["media_type"], str) or not MEDIA_TYPE.fullmatch(
        entry.data["media_type"]
    ):
        raise Rejected("media_type must look like type/subtype")
    if entry.att is None:
        raise Rejected("evidence carries its file as the entry's attachment")


def apply_evidence(entry):
    Evidence.objects.create(
        id=entry.id,
        net=entry.net,
        contribution_id=entry.data["contribution"],
        member_id=member_of(entry),
        name=entry.data["name"],
        media_type=entry.data["media_type"],
        file_hash=entry.att["hash"],
        size=entry.att["size"],
        ts=entry.ts,
    )


register("work.rules", check=check_rules, apply=apply_rules)
register("work.task", check=check_task, apply=apply_task)
register("work.claim", check=check_claim, apply=apply_claim)
register("work.unclaim", check=check_unclaim, apply=apply_unclaim)
register("work.contribution", check=check_contribution, apply=apply_contribution)
register("work.amend", check=check_amend, apply=apply_amend)
register("work.validation", check=check_validation, apply=apply_validation)
register("work.withdraw", check=check_withdraw, apply=apply_withdraw)
register("work.settle", check=check_settle, apply=apply_settle)
register("work.hide", check=check_hide, apply=apply_hide)
register("work.role", check=check_role, apply=apply_role)
register("work.artifact", check=check_artifact, apply=apply_artifact)
register("work.revision", check=check_revision, apply=apply_revision)
register("work.fork", check=check_fork, apply=apply_fork)
register("work.evidence", check=check_evidence, apply=apply_evidence)
for model in (
    RulesVersion,
    CommonsRules,
    Task,
    Claim,
    Contribution,
    Validation,
    RoleChange,
    Artifact,
    Revision,
    ForkLink,
    Evidence,
):
    register_projection(model)
