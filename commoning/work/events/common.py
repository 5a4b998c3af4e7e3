"""What every peer-production rule shares: field limits, finding the commons or row an entry
names (and demanding it in deps), the rules version an entry names, and whether an author is a
maintainer by their deps."""

from typing import NamedTuple

from commoning.commons.models import Commons
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import (
    Rejected,
    batch_memo,
)
from commoning.log.registry import member_of as registry_member_of
from commoning.work import rules as work_rules
from commoning.work.models import (
    ForkLink,
    RoleChange,
    RulesVersion,
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


def needs_dep(entry, entry_id: str, what: str) -> None:
    if entry_id not in entry.deps:
        raise Rejected(f"the {what} must be listed in deps")


COMMONS_FACTS_SQL = "SELECT id, founder_id FROM commons_commons WHERE id = %s AND net = %s"


class CommonsFacts(NamedTuple):
    """What rules need of a commons: its id and founder (neither ever changes)."""

    id: str
    founder_id: str


def commons_named(entry, field: str = "commons") -> CommonsFacts:
    commons_id = fields.entry_id(entry.data, field)
    needs_dep(entry, commons_id, "commons")
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


def row_named(entry, model, field: str, what: str):
    row_id = fields.entry_id(entry.data, field)
    needs_dep(entry, row_id, what)
    row = model.objects.filter(id=row_id, net=entry.net).first()
    if row is None:
        raise Rejected(f"no such {what} in this network")
    return row


def reason_field(entry, *, required: bool) -> str:
    if "reason" not in entry.data and not required:
        return ""
    return fields.text(entry.data, "reason", max_length=REASON_MAX)


def founder_of(commons_id: str) -> str | None:
    memo = batch_memo()
    founder = memo.get(("founder", commons_id)) if memo is not None else None
    if founder is None:
        row = sql.fetch_one(f"SELECT founder_id FROM {sql.table(Commons)} WHERE id = %s",
                            [commons_id])
        founder = row[0] if row else None
        if founder is not None and memo is not None:
            memo[("founder", commons_id)] = founder  # fixed for the batch: founders never change
    return founder


def grant_relied_on(entry, commons_id: str, member_id: str) -> str | None:
    """What makes the author a maintainer here, from the entry's causal past: "" for the
    founder, the id of their maintainer grant listed in deps, or None.

    A grant whose recall the entry lists in deps is refused. A recall the entry did not see
    cannot be known here without making the verdict depend on arrival order; it voids the act
    in the projection instead (events.maintainers), on every node alike.
    """
    if founder_of(commons_id) == member_id:
        return ""
    if len(entry.deps) < 2:  # only the judged entry itself: no role was named
        return None
    deps = list(entry.deps)
    grants = list(
        RoleChange.objects.filter(
            id__in=deps,
            commons_id=commons_id,
            member_id=member_id,
            role=work_rules.ROLE_MAINTAINER,
            change="grant",
        ).order_by("id").values_list("id", flat=True)
    )
    if not grants:
        return None
    recalled = set()
    for named in RoleChange.objects.filter(id__in=deps, change="revoke").values_list(
        "grants", flat=True
    ):
        recalled |= set(named.split(","))
    standing = [grant for grant in grants if grant not in recalled]
    return standing[0] if standing else None


def is_maintainer_by_deps(entry, commons_id: str, member_id: str) -> bool:
    """The founder of the commons, or a member whose maintainer grant is listed in deps."""
    return grant_relied_on(entry, commons_id, member_id) is not None


def rules_named(entry, commons_id: str) -> str | None:
    """The rules version the entry names (`rules`, in deps), checked to be this commons' own
    or one a fork inherited; the commons id itself names the defaults. None if not named."""
    if "rules" not in entry.data:
        return None
    rules_id = fields.entry_id(entry.data, "rules")
    needs_dep(entry, rules_id, "rules")
    if rules_id == commons_id:
        return rules_id
    version = RulesVersion.objects.filter(id=rules_id).values_list("commons_id", flat=True).first()
    if version is None or (
        version != commons_id
        and not ForkLink.objects.filter(fork_id=commons_id, origin_rules_id=rules_id).exists()
    ):
        raise Rejected("the rules named are not this commons' rules")
    return rules_id


def founder_rules_in_force(entry, commons_id: str) -> str | None:
    """The rules in force for an entry by the commons' founder, from the founder's own feed.

    Only the founder publishes rules, so the latest version before this entry on the same key's
    feed is the one they know; a fork without its own version uses the one it inherited.
    None when there is none (the defaults).
    """
    latest = (
        RulesVersion.objects.filter(
            commons_id=commons_id, author_key=entry.author, seq__lt=entry.seq
        )
        .order_by("-seq")
        .values_list("id", flat=True)
        .first()
    )
    if latest is None:
        latest = (
            ForkLink.objects.filter(fork_id=commons_id)
            .exclude(origin_rules_id="")
            .values_list("origin_rules_id", flat=True)
            .first()
        )
    return latest


KINDS_OF_VERSION_SQL = "SELECT kinds FROM work_rulesversion WHERE id = %s"


def kinds_allowed(rules_id: str | None, commons_id: str) -> tuple:
    """The kinds a rules version allows, its commons' own included; the built-in kinds when
    the entry names no version (or the commons itself, for the defaults).

    The version is in the entry's causal past (deps), and never changes once applied, so a
    batch may keep what it read.
    """
    if not rules_id or rules_id == commons_id:
        return work_rules.KINDS
    memo = batch_memo()
    key = ("kinds", rules_id)
    if memo is not None and key in memo:
        return memo[key]
    row = sql.fetch_one(KINDS_OF_VERSION_SQL, [rules_id])
    kinds = tuple(row[0].split(",")) if row else work_rules.KINDS
    if memo is not None and row:
        memo[key] = kinds
    return kinds


def kind_field(data, allowed: tuple = work_rules.KINDS) -> str:
    kind = fields.text(data, "kind", max_length=20)
    if kind not in allowed:
        raise fields.FieldError("kind", "must be one of " + ", ".join(allowed))
    return kind


def url_field(data) -> str:
    url = fields.text(data, "evidence_url", max_length=URL_MAX)
    if not url.startswith(("https://", "http://")):
        raise fields.FieldError("evidence_url", "must be an http(s) link")
    return url


