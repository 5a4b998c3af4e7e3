"""Entry types of communal validation: `work.validation`, `work.withdraw`, `work.settle` and
`work.hide`.

Rules read only the entry and its causal past (see commoning.work.events)."""

import functools
import threading

from commoning.accounts.events import field_clock
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import (
    Forbidden,
    Rejected,
)
from commoning.work.events import credits, maintainers
from commoning.work.events.common import (
    grant_relied_on,
    is_maintainer_by_deps,
    member_of,
    needs_dep,
    reason_field,
    row_named,
)
from commoning.work.models import (
    Contribution,
    MaintainerAct,
    Validation,
)

# -- validations ---------------------------------------------------------------------------------
# Validations are most of a work log (three or more per contribution), so their rule and
# apply use plain SQL: on a rebuild of millions of entries the ORM's query building dominates.
CONTRIBUTION_FACTS_SQL = (
    "SELECT commons_id, member_id FROM work_contribution WHERE id = %s AND net = %s"
)
VERSION_OF_SQL = "SELECT contribution_id FROM work_contributionversion WHERE id = %s AND net = %s"
INSERT_VALIDATION_SQL = """
INSERT INTO work_validation (id, net, contribution_id, commons_id, member_id, verdict, reason,
  by_maintainer, ts, withdrawn, settled, settled_reason, settled_clock, version, clock, standing)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', '', %s, %s, %s)
"""
class _Judged(threading.local):
    """The contribution facts a validation's rule read, kept for its apply right after (the
    writer runs the rule and then the apply of one entry on one thread, with nothing between).
    Per thread, so writers on several threads of one process never read each other's facts;
    it holds at most one entry, and an apply that finds nothing reads the facts again."""

    entry_id: str | None = None
    facts: tuple | None = None

    def keep(self, entry_id: str, facts: tuple) -> None:
        self.entry_id, self.facts = entry_id, facts

    def take(self, entry_id: str) -> tuple | None:
        facts = self.facts if self.entry_id == entry_id else None
        self.entry_id = self.facts = None
        return facts


_judged = _Judged()
APPROVAL_TIMES_KEPT = 50  # the highest min_approvals a commons may set (events.rules)


def check_validation(entry):
    fields.only_fields(
        entry.data, {"contribution", "verdict", "reason", "version"}, {"contribution", "verdict"}
    )
    contribution_id = fields.entry_id(entry.data, "contribution")
    needs_dep(entry, contribution_id, "contribution")
    # The contribution's facts and whether a hide of it is in the entry's causal past, in one
    # query: validations are most of a work log.
    found = sql.fetch_one(_facts_and_hide_sql(len(entry.deps)), [
        entry.author, entry.seq, *(entry.deps or [""]), contribution_id, entry.net,
    ])
    if found is None:
        raise Rejected("no such contribution in this network")
    facts, hide_known = found[:2], found[2]
    if "version" in entry.data:
        # The judgement binds to the version it names; it counts only while that is current.
        version_id = fields.entry_id(entry.data, "version")
        needs_dep(entry, version_id, "version")
        version_of = sql.fetch_one(VERSION_OF_SQL, [version_id, entry.net])
        if version_of is None or version_of[0] != contribution_id:
            raise Rejected("the version named is not a version of this contribution")
    if entry.data["verdict"] not in ("approve", "object"):
        raise fields.FieldError("verdict", "must be approve or object")
    reason_field(entry, required=entry.data["verdict"] == "object")
    if facts[1] == member_of(entry):
        raise Forbidden("nobody validates their own contribution")
    if hide_known:
        raise Forbidden("a contribution hidden as spam cannot be judged")
    _judged.keep(entry.id, tuple(facts))


# A hide is in a judgement's causal past when it is listed in its deps or was written earlier
# on the judge's own feed. Void hides count too: whether a recall voids one can change when a
# late recall arrives, and a judgement's validity must not depend on arrival order. A judgement
# written without knowing of the hide (concurrent with it) stands, and counts for nothing while
# the contribution is hidden.
FACTS_AND_HIDE_SQL = """
SELECT c.commons_id, c.member_id, EXISTS (
  SELECT 1 FROM work_maintaineract a WHERE a.kind = 'hide' AND a.target_id = c.id
    AND a.net = c.net AND ((a.author_key = %s AND a.seq < %s) OR a.id IN ({deps})))
FROM work_contribution c WHERE c.id = %s AND c.net = %s
"""


@functools.lru_cache(maxsize=17)  # an entry has at most 16 deps
def _facts_and_hide_sql(deps: int) -> str:
    return FACTS_AND_HIDE_SQL.format(deps=", ".join(["%s"] * max(deps, 1)))


JUDGEMENTS_SQL = """
SELECT id, member_id, verdict, by_maintainer, withdrawn, settled, version, clock, ts, standing
FROM work_validation WHERE contribution_id = %s
"""
UPDATE_COUNTERS_SQL = """
UPDATE work_contribution SET approvals = %s, maintainer_approvals = %s,
  standing_objections = %s, approval_times = %s
WHERE id = %s
"""


def recount(contribution_id: str) -> None:
    """Recompute a contribution's counters from the set of its judgements.

    A judgement stands when it is its member's latest of this contribution by (ts, author, id)
    (a new one replaces the old), it judged the current version, and it was not withdrawn. The
    counters and the approval times come from standing judgements only, so they depend on the
    set of entries, never on the order they arrived in.
    """
    current = sql.fetch_one("SELECT version FROM work_contribution WHERE id = %s",
                            [contribution_id])
    if current is None:
        return
    latest: dict[str, tuple] = {}
    rows = sql.fetch_all(JUDGEMENTS_SQL, [contribution_id])
    for row in rows:
        member_id, clock = row[1], row[7]
        if member_id not in latest or clock > latest[member_id][7]:
            latest[member_id] = row
    standing = {
        row[0] for row in latest.values() if not row[4] and (row[6] or contribution_id) ==
        (current[0] or contribution_id)
    }
    approvals = maintainer_approvals = objections = 0
    approval_times = []
    for row in rows:
        if bool(row[9]) != (row[0] in standing):
            sql.execute("UPDATE work_validation SET standing = %s WHERE id = %s",
                        [row[0] in standing, row[0]])
        if row[0] not in standing:
            continue
        if row[2] == "approve":
            approvals += 1
            maintainer_approvals += bool(row[3])
            approval_times.append(row[8])
        elif not row[5]:
            objections += 1
    times = ",".join(str(ts) for ts in sorted(approval_times)[:APPROVAL_TIMES_KEPT])
    sql.execute(UPDATE_COUNTERS_SQL,
                [approvals, maintainer_approvals, objections, times, contribution_id])
    credits.refresh_credit(contribution_id)


def apply_validation(entry):
    contribution_id = entry.data["contribution"]
    facts = _judged.take(entry.id)
    if facts is None:
        facts = sql.fetch_one(CONTRIBUTION_FACTS_SQL, [contribution_id, entry.net])
    commons_id = facts[0]
    member_id = member_of(entry)
    sql.execute(
        INSERT_VALIDATION_SQL,
        [entry.id, entry.net, contribution_id, commons_id, member_id, entry.data["verdict"],
         entry.data.get("reason", ""), is_maintainer_by_deps(entry, commons_id, member_id),
         entry.ts, False, False,
         # An entry from before versions judged the contribution as first recorded.
         entry.data.get("version", contribution_id), field_clock(entry), False],
    )
    recount(contribution_id)


def check_withdraw(entry):
    fields.only_fields(entry.data, {"validation"}, {"validation"})
    validation = row_named(entry, Validation, "validation", "validation")
    if validation.member_id != member_of(entry):
        raise Forbidden("only the member who gave a judgement may withdraw it")


def apply_withdraw(entry):
    validation = Validation.objects.get(id=entry.data["validation"])
    if not validation.withdrawn:
        validation.withdrawn = True
        validation.save(update_fields=["withdrawn"])
        recount(validation.contribution_id)


def _record_act(entry, kind: str, commons_id: str, target_id: str, grant_id: str) -> None:
    MaintainerAct.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=commons_id,
        kind=kind,
        target_id=target_id,
        member_id=member_of(entry),
        author_key=entry.author,
        seq=entry.seq,
        grant_id=grant_id,
        reason=entry.data["reason"],
        clock=field_clock(entry),
        void=maintainers.act_is_void(commons_id, grant_id, entry.author, entry.seq),
    )


def check_settle(entry):
    fields.only_fields(entry.data, {"validation", "reason"}, {"validation", "reason"})
    validation = row_named(entry, Validation, "validation", "objection")
    reason_field(entry, required=True)
    if validation.verdict != "object":
        raise Rejected("only an objection can be settled")
    if not is_maintainer_by_deps(entry, validation.commons_id, member_of(entry)):
        raise Forbidden("only a maintainer (with their role listed in deps) settles objections")


def apply_settle(entry):
    validation = Validation.objects.get(id=entry.data["validation"])
    grant_id = grant_relied_on(entry, validation.commons_id, member_of(entry))
    _record_act(entry, "settle", validation.commons_id, validation.id, grant_id)
    maintainers.refresh_settled(validation.id)


def check_hide(entry):
    fields.only_fields(entry.data, {"contribution", "reason"}, {"contribution", "reason"})
    contribution = row_named(entry, Contribution, "contribution", "contribution")
    reason_field(entry, required=True)
    if not is_maintainer_by_deps(entry, contribution.commons_id, member_of(entry)):
        raise Forbidden("only a maintainer (with their role listed in deps) hides spam")


def apply_hide(entry):
    contribution = Contribution.objects.get(id=entry.data["contribution"])
    grant_id = grant_relied_on(entry, contribution.commons_id, member_of(entry))
    _record_act(entry, "hide", contribution.commons_id, contribution.id, grant_id)
    maintainers.refresh_hidden(contribution.id)
