"""Entry types of communal validation: `work.validation`, `work.withdraw`, `work.settle` and
`work.hide`.

Rules read only the entry and its causal past (see commoning.work.events)."""


from commoning.accounts.events import field_clock
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import (
    Forbidden,
    Rejected,
)
from commoning.work.events.common import (
    is_maintainer_by_deps,
    member_of,
    needs_dep,
    reason_field,
    row_named,
)
from commoning.work.models import (
    Contribution,
    Validation,
)

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
    needs_dep(entry, contribution_id, "contribution")
    facts = sql.fetch_one(CONTRIBUTION_FACTS_SQL, [contribution_id, entry.net])
    if facts is None:
        raise Rejected("no such contribution in this network")
    if entry.data["verdict"] not in ("approve", "object"):
        raise fields.FieldError("verdict", "must be approve or object")
    reason_field(entry, required=entry.data["verdict"] == "object")
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
    validation = row_named(entry, Validation, "validation", "validation")
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
    validation = row_named(entry, Validation, "validation", "objection")
    reason_field(entry, required=True)
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
    contribution = row_named(entry, Contribution, "contribution", "contribution")
    reason_field(entry, required=True)
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


