"""Entry type `work.role`: maintainer roles earned by the rules, appointed, recalled or lapsed.

Rules read only the entry and its causal past (see commoning.work.events)."""


from commoning.core import fields
from commoning.log.registry import (
    Forbidden,
    Rejected,
)
from commoning.work import rules as work_rules
from commoning.work.events.common import (
    commons_named,
    is_maintainer_by_deps,
    member_of,
    needs_dep,
    reason_field,
)
from commoning.work.models import (
    Contribution,
    ForkLink,
    RoleChange,
    RulesVersion,
    Validation,
)

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
    commons = commons_named(entry)
    member_id = fields.entry_id(entry.data, "member")
    author_id = member_of(entry)
    if entry.data["role"] != work_rules.ROLE_MAINTAINER:
        raise fields.FieldError("role", "must be maintainer")
    rules_id = entry.data.get("rules")
    if rules_id is not None:
        needs_dep(entry, fields.entry_id(entry.data, "rules"), "rules")
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
        reason_field(entry, required=True)
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
        needs_dep(entry, grant_id, "grant")
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


