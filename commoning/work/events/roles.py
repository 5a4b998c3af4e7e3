"""Entry type `work.role`: maintainer roles earned by the rules, appointed, recalled or lapsed.

Rules read only the entry and its causal past (see commoning.work.events)."""

import json

from commoning.accounts.events import member_for_key
from commoning.core import fields
from commoning.log.registry import (
    Forbidden,
    Rejected,
)
from commoning.work import rules as work_rules
from commoning.work.events import maintainers
from commoning.work.events.common import (
    commons_named,
    founder_rules_in_force,
    grant_relied_on,
    is_maintainer_by_deps,
    member_of,
    needs_dep,
    reason_field,
    rules_named,
)
from commoning.work.models import (
    Contribution,
    RoleChange,
    RulesVersion,
    Validation,
)

# -- roles ---------------------------------------------------------------------------------------
ROLE_FIELDS = {
    "commons", "member", "role", "change", "rule", "rules", "grants", "reason", "seen"
}
SEEN_KEYS_MAX = 8


def rules_version_for(commons_id: str, rules_id: str | None) -> work_rules.Rules:
    """The rules version an entry names (already checked by `rules_named`), or defaults."""
    if not rules_id or rules_id == commons_id:
        return work_rules.Rules()
    return rules_from_version(RulesVersion.objects.get(id=rules_id))


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
        kind_labels=tuple(sorted(json.loads(version.kind_labels or "{}").items())),
    )


def earned_by(entry, commons_id: str, member_id: str, rules: work_rules.Rules) -> None:
    """Raise Rejected unless the approvals listed in deps meet the rules' maintainer threshold.

    Approvals of one version of a contribution count together; the window runs from the
    approval that reached `min_approvals` (others' entries), never from the contribution's ts.
    """
    approvals = Validation.objects.filter(id__in=list(entry.deps), verdict="approve")
    contributions = {
        c.id: c
        for c in Contribution.objects.filter(
            id__in=[a.contribution_id for a in approvals],
            commons_id=commons_id,
            member_id=member_id,
        )
    }
    approvals_by_version: dict[tuple, dict] = {}
    for approval in approvals:
        if approval.contribution_id not in contributions:
            continue
        version = (approval.contribution_id, approval.version or approval.contribution_id)
        approvers = approvals_by_version.setdefault(version, {})
        # A member's approvals of one version count once, from the earliest.
        if approval.member_id not in approvers or approval.ts < approvers[approval.member_id].ts:
            approvers[approval.member_id] = approval
    validated = set()
    maintainers = set()
    for (contribution_id, _version), approvers in approvals_by_version.items():
        anchor = work_rules.window_anchor(rules, sorted(a.ts for a in approvers.values()))
        if anchor is None or entry.ts < anchor + rules.window_ms:
            continue
        validated.add(contribution_id)
        maintainers |= {a.member_id for a in approvers.values() if a.by_maintainer}
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
    rules_id = rules_named(entry, commons.id)
    if commons.founder_id == author_id:
        # Only the founder publishes rules, so the rules in force for the founder's entries
        # are known from their own feed: an entry may not omit them or name older ones.
        in_force = founder_rules_in_force(entry, commons.id)
        if in_force is not None and rules_id != in_force:
            raise Rejected("the founder's entry must name the rules in force on their feed")
    rules = rules_version_for(commons.id, rules_id)
    change, rule = entry.data["change"], entry.data["rule"]
    if "seen" in entry.data:
        if (change, rule) != ("revoke", "recall"):
            raise fields.FieldError("seen", "is part of a recall only")
        _seen_field(entry, member_id)
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


def _seen_field(entry, member_id: str) -> dict:
    """`seen`: the recalled member's feed heads the revoke had seen, {device key: seq}.

    The action lists the head entries in deps too, so the revoke is applied after them. A seq
    is the revoker's word: claiming more than they saw spares acts they did not see, which is
    no more than not recalling; claiming less voids more. Either way it is their power to use.
    """
    seen = entry.data["seen"]
    if not isinstance(seen, dict) or len(seen) > SEEN_KEYS_MAX:
        raise fields.FieldError("seen", f"must map at most {SEEN_KEYS_MAX} device keys to a seq")
    for key, seq in seen.items():
        fields.entry_id({"seen": key}, "seen")
        fields.integer({"seen": seq}, "seen", minimum=1, maximum=2**53 - 1)
        if member_for_key(entry.net, key) != member_id:
            raise Rejected("every key in seen must be a device key of the member recalled")
    return seen


def _heads_seen(entry) -> str:
    """The heads a revoke had seen, as "key:seq,..." (see `_seen_field`)."""
    seen = entry.data.get("seen") or {}
    return ",".join(f"{key}:{seq}" for key, seq in sorted(seen.items()))


def apply_role(entry):
    data = entry.data
    revoke = data["change"] == "revoke"
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
        grants=",".join(data["grants"]) if revoke else "",
        heads=_heads_seen(entry) if revoke else "",
        relied_grant_id=(
            grant_relied_on(entry, data["commons"], member_of(entry)) or ""
            if data["rule"] == "recall" else ""
        ),
        author_key=entry.author,
        seq=entry.seq,
    )
    if revoke:
        # Which recalls stand, which grants they revoke and which acts they void follow from
        # the set of role entries; a late one re-projects them the same way on every node.
        maintainers.reproject_roles(data["commons"])


