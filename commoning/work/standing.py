"""A member's standing in peer production, for their profile page and the API's member detail:
the roles they hold (earned, appointed, or as founder), the validated work a credential would
certify, and their recent contributions, keyset-paged.

Each read costs what it shows: roles come from the member's role rows, the validated work from
the reputation tallies (commoning.work.access.reputation), and a page of contributions is one
indexed query of the rows shown, however long the member's history.
"""

from dataclasses import dataclass

from commoning.commons.models import Commons
from commoning.work import access
from commoning.work import rules as work_rules
from commoning.work.models import Contribution, RoleChange

RECENT_WORK_SHOWN = 10


@dataclass
class RoleHeld:
    commons_id: str
    commons_name: str
    role: str  # "founder" or "maintainer"
    how: str  # "founded", "earned" or "appointed"
    since_ts: int
    grant_id: str  # the grant entry ("" for a founder)
    lapsed: bool  # a rules-led commons' inactivity rule ended it; recording the lapse is a click


def roles_held(member_id: str, now: int | None = None) -> list[RoleHeld]:
    """Commons the member founded, and maintainer roles granted to them and not recalled,
    earliest first. A role lapsed by inactivity is listed as lapsed until someone records it."""
    now = now if now is not None else access.now_ms()
    grants = list(
        RoleChange.objects.filter(
            member_id=member_id, change="grant", revoked=False, role=work_rules.ROLE_MAINTAINER
        ).order_by("ts", "id")
    )
    founded = list(Commons.objects.filter(founder_id=member_id).order_by("created_ts", "id"))
    names = dict(
        Commons.objects.filter(id__in={g.commons_id for g in grants}).values_list("id", "name")
    )
    held = [
        RoleHeld(c.id, c.name, "founder", "founded", c.created_ts, "", False) for c in founded
    ]
    seen = {c.id for c in founded}
    for grant in grants:
        if grant.commons_id in seen:
            continue  # one role per commons: the first standing grant says since when
        seen.add(grant.commons_id)
        lapsed = any(
            view.member_id == member_id and view.lapsed
            for view in access.maintainers(grant.commons_id, now)
        )
        held.append(
            RoleHeld(grant.commons_id, names.get(grant.commons_id, grant.commons_id[:12]),
                     "maintainer", grant.rule, grant.ts, grant.id, lapsed)
        )
    return held


def recent_work(member_id: str):
    """The member's contributions, newest first, in an order keyset pages can follow."""
    return Contribution.objects.filter(member_id=member_id).order_by("-ts", "-id")


def validated_work(member_id: str, now: int | None = None) -> dict:
    """What a credential would certify: validated contributions and effort, in total and per
    commons (with kinds), from the reputation tallies."""
    reputation = access.reputation(member_id, now)
    return {
        "validated": reputation["validated"],
        "effort_minutes": reputation["effort_minutes"],
        "commons": reputation["commons"],
    }
