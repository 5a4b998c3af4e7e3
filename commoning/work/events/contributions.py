"""Entry types of contributions: `work.contribution`, `work.amend` and `work.evidence`.

Rules read only the entry and its causal past (see commoning.work.events)."""

import re

from commoning.accounts.events import field_clock
from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import (
    Forbidden,
    Rejected,
)
from commoning.work import rules as work_rules
from commoning.work.events import credits
from commoning.work.events.common import (
    EFFORT_MAX,
    commons_named,
    kind_field,
    kinds_allowed,
    member_of,
    row_named,
    rules_named,
    url_field,
)
from commoning.work.events.validations import recount
from commoning.work.models import (
    Contribution,
    Evidence,
    Revision,
    Task,
)

# -- contributions -------------------------------------------------------------------------------
CONTRIBUTION_FIELDS = {
    "commons", "kind", "effort_minutes", "evidence_url", "task", "revision", "rules"
}


def check_contribution(entry):
    fields.only_fields(entry.data, CONTRIBUTION_FIELDS, {"commons", "kind", "effort_minutes"})
    commons = commons_named(entry)
    # The rules that will judge it for good: a version of this commons (or inherited by a
    # fork), or the commons itself for the defaults. Pages show which, so validators can
    # object to work recorded under rules older than those in force.
    named_rules = rules_named(entry, commons.id)
    # Only the kinds those rules allow (the commons' own among them); naming no rules, the
    # built-in kinds.
    kind_field(entry.data, kinds_allowed(named_rules, commons.id))
    fields.integer(entry.data, "effort_minutes", minimum=1, maximum=EFFORT_MAX)
    if "evidence_url" in entry.data:
        url_field(entry.data)
    if "task" in entry.data and row_named(entry, Task, "task", "task").commons_id != commons.id:
        raise Rejected("the task belongs to another commons")
    if "revision" in entry.data:
        row_named(entry, Revision, "revision", "revision")


INSERT_CONTRIBUTION_SQL = """
INSERT INTO work_contribution (id, net, commons_id, member_id, task_id, revision_id, ts, kind,
  effort_minutes, evidence_url, description_hash, kind_clock, effort_clock, evidence_clock,
  description_clock, approvals, maintainer_approvals, standing_objections, hidden,
  hidden_reason, hidden_clock, hidden_by, author_key, version, version_clock, rules_id,
  approval_times, credit_closes_ts, credited_effort, credited_kind)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 0, 0, 0, %s, '', '', '',
  %s, %s, %s, %s, '', NULL, 0, '')
"""
INSERT_VERSION_SQL = """
INSERT INTO work_contributionversion (id, net, contribution_id, clock) VALUES (%s, %s, %s, %s)
"""


def apply_contribution(entry):
    # Plain SQL: contributions are a quarter of a work log (see commoning.log.sql).
    data, clock = entry.data, field_clock(entry)
    sql.execute(
        INSERT_CONTRIBUTION_SQL,
        [entry.id, entry.net, data["commons"], member_of(entry), data.get("task"),
         data.get("revision"), entry.ts, data["kind"], data["effort_minutes"],
         data.get("evidence_url", ""), (entry.att or {}).get("hash"), clock, clock, clock,
         clock, False, entry.author, entry.id, clock, data.get("rules", "")],
    )
    sql.execute(INSERT_VERSION_SQL, [entry.id, entry.net, entry.id, clock])
    credits.refresh_credit(entry.id)  # a visible contribution: the member's reputation tally


def check_amend(entry):
    fields.only_fields(
        entry.data, {"contribution", "kind", "effort_minutes", "evidence_url"}, {"contribution"}
    )
    contribution = row_named(entry, Contribution, "contribution", "contribution")
    if contribution.member_id != member_of(entry):
        raise Forbidden("only its author may amend a contribution")
    # One key, one chain: every version of a contribution is on the feed that recorded it, so a
    # judge who names the latest version has every earlier one in its causal past, and no
    # amendment from another device can slip in under a judgement.
    if contribution.author_key and contribution.author_key != entry.author:
        raise Forbidden("a contribution is amended from the device key that recorded it")
    if "kind" in entry.data:
        # A kind of a commons' own only if the rules the contribution named allow it (in the
        # causal past, through the contribution). Any built-in kind, as before kinds of a
        # commons' own existed: the amend form offered them all then, so logs hold such
        # amendments, and refusing them now would change entries other nodes applied.
        allowed = kinds_allowed(contribution.rules_id, contribution.commons_id)
        kind_field(entry.data, tuple(dict.fromkeys((*allowed, *work_rules.KINDS))))
    if "effort_minutes" in entry.data:
        fields.integer(entry.data, "effort_minutes", minimum=1, maximum=EFFORT_MAX)
    if "evidence_url" in entry.data:
        url_field(entry.data)
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
    # Every amendment changes what is judged (kind, effort, evidence or description), so it is
    # a new version; the latest by (ts, author, id) is current, and only its judgements count.
    sql.execute(INSERT_VERSION_SQL, [entry.id, entry.net, contribution.id, clock])
    if clock > contribution.version_clock:
        contribution.version, contribution.version_clock = entry.id, clock
        changed += ["version", "version_clock"]
    if changed:
        contribution.save(update_fields=changed)
    recount(contribution.id)




MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,60}/[a-z0-9][a-z0-9!#$&^_.+-]{0,60}")


def check_evidence(entry):
    fields.only_fields(entry.data, {"contribution", "name", "media_type"},
                       {"contribution", "name", "media_type"})
    contribution = row_named(entry, Contribution, "contribution", "contribution")
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

