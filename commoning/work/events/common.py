"""What every peer-production rule shares: field limits, finding the commons or row an entry
names (and demanding it in deps), and whether an author is a maintainer by their deps."""

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
    RoleChange,
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


def kind_field(data) -> str:
    kind = fields.text(data, "kind", max_length=20)
    if kind not in work_rules.KINDS:
        raise fields.FieldError("kind", "must be one of " + ", ".join(work_rules.KINDS))
    return kind


def url_field(data) -> str:
    url = fields.text(data, "evidence_url", max_length=URL_MAX)
    if not url.startswith(("https://", "http://")):
        raise fields.FieldError("evidence_url", "must be an http(s) link")
    return url


