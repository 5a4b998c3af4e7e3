"""The role actions of peer production: record a role the published rule grants, appoint a
maintainer (founder-led commons), recall one, record a lapse. Each builds one `work.role` entry
listing in deps what the shared rule needs (the approvals, the rules in force, the grants, the
recalled member's feed heads) and appends it.
"""

from django.utils.translation import gettext as _

from commoning.accounts.models import DeviceKey
from commoning.core import fields
from commoning.log.append import append, feed_head
from commoning.log.atomic import atomic_action
from commoning.log.registry import Forbidden, Rejected
from commoning.work import access
from commoning.work import rules as work_rules
from commoning.work.actions import _actor, _commons, _maintainer_deps
from commoning.work.events import REASON_MAX
from commoning.work.models import Contribution, RoleChange


@atomic_action
def record_earned_role(user, commons_id, member_id, *, quiet=False):
    """Append the role entry the published rule grants `member_id`, if met and not yet held.

    Anyone may append it once the thresholds are met; it lists the approvals it relies on.
    """
    net, _author_id, key = _actor(user)
    commons = _commons(net, commons_id)
    if commons.founder_id == member_id or access.role_grant_of(commons.id, member_id):
        if quiet:
            return None
        raise Rejected("this member is already a maintainer", status=409)
    evidence = access.earning_evidence(commons.id, member_id)
    if evidence is None:
        if quiet:
            return None
        raise Rejected(
            "the published rule is not met yet: "
            + access.rules_for(commons.id).maintainer_rule_text(),
            status=409,
        )
    rules = access.rules_for(commons.id)
    data = {
        "commons": commons.id,
        "member": member_id,
        "role": work_rules.ROLE_MAINTAINER,
        "change": "grant",
        "rule": "earned",
        "rules": rules.rules_id,
    }
    entry = append(
        key, net=net, type="work.role", data=data, deps=[commons.id, rules.rules_id, *evidence]
    )
    return entry.id


@atomic_action
def appoint_maintainer(user, commons_id, member_id):
    net, author_id, key = _actor(user)
    commons = _commons(net, commons_id)
    if commons.founder_id != author_id:
        raise Forbidden("only the founder appoints maintainers in a founder-led commons")
    rules = access.rules_for(commons.id)
    if rules.mode != "founder-led":
        raise Rejected(_("Under rules-led rules, roles are earned, not appointed."), status=409)
    data = {
        "commons": commons.id,
        "member": member_id,
        "role": work_rules.ROLE_MAINTAINER,
        "change": "grant",
        "rule": "appointed",
    }
    deps = [commons.id]
    if rules.rules_id:
        data["rules"] = rules.rules_id
        deps.append(rules.rules_id)
    return append(key, net=net, type="work.role", data=data, deps=deps).id


@atomic_action
def recall_maintainer(user, commons_id, member_id, *, reason):
    net, author_id, key = _actor(user)
    commons = _commons(net, commons_id)
    deps = [commons.id, *_maintainer_deps(commons, author_id)]
    grants = sorted(
        RoleChange.objects.filter(
            commons_id=commons.id, member_id=member_id, change="grant", revoked=False
        ).values_list("id", flat=True)
    )[:8]
    if not grants:
        raise Rejected("this member holds no role here", status=409)
    data = {
        "commons": commons.id,
        "member": member_id,
        "role": work_rules.ROLE_MAINTAINER,
        "change": "revoke",
        "rule": "recall",
        "grants": grants,
        "reason": fields.clean_text(reason or "", "reason", max_length=REASON_MAX),
    }
    rules = access.rules_for(commons.id)
    if rules.rules_id:  # the founder's entries must name the rules in force (events.roles)
        data["rules"] = rules.rules_id
        deps.append(rules.rules_id)
    deps = {*deps, *grants}
    data["seen"], heads = _feed_heads(net, member_id, room=16 - len(deps))
    return append(key, net=net, type="work.role", data=data, deps=sorted(deps | heads)).id


def _feed_heads(net, member_id, *, room: int) -> tuple[dict, set]:
    """The member's feed heads this node has seen, for a revoke: {key: seq} for `seen`, and
    the head entries for deps. The maintainer acts they made up to these stay valid; later or
    unseen ones are void (events.maintainers)."""
    keys = DeviceKey.objects.filter(net=net, member_id=member_id).values_list(
        "public_key", flat=True
    )
    seen, heads = {}, set()
    for device_key in sorted(keys)[: max(min(room, 8), 0)]:
        head = feed_head(net, device_key)
        if head is not None:
            seen[device_key] = head[0]
            heads.add(head[1])
    return seen, heads


@atomic_action
def record_lapse(user, commons_id, member_id):
    """Record that a maintainer's role lapsed by inactivity (anyone may, once it has)."""
    net, _author_id, key = _actor(user)
    commons = _commons(net, commons_id)
    rules = access.rules_for(commons.id)
    view = next((v for v in access.maintainers(commons.id) if v.member_id == member_id), None)
    if view is None or not view.lapsed or not rules.rules_id:
        raise Rejected("this member's role has not lapsed", status=409)
    grants = sorted(
        RoleChange.objects.filter(
            commons_id=commons.id, member_id=member_id, change="grant", revoked=False
        ).values_list("id", flat=True)
    )[:8]
    latest = (
        Contribution.objects.filter(commons_id=commons.id, member_id=member_id)
        .order_by("-ts", "-id")
        .values_list("id", flat=True)
        .first()
    )
    data = {
        "commons": commons.id,
        "member": member_id,
        "role": work_rules.ROLE_MAINTAINER,
        "change": "revoke",
        "rule": "inactivity",
        "rules": rules.rules_id,
        "grants": grants,
    }
    deps = [commons.id, rules.rules_id, *grants, *([latest] if latest else [])]
    return append(key, net=net, type="work.role", data=data, deps=deps).id


