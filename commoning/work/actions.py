"""The only write paths of peer production: each checks what the member may do now, builds
one entry listing in deps what it relies on, and appends it. Some checks here are stricter than
the domain rules in events.py because they may use the present (a task already claimed, a
judgement already given); the domain rules use only an entry's causal past.

Every action is `@atomic_action` (commoning/log/atomic.py): the entries it appends commit
together or roll back together, and what it read to decide cannot change before it appends.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from commoning.accounts import ratelimit
from commoning.accounts.access import actor_for
from commoning.accounts.models import Member
from commoning.commons.access import get_commons
from commoning.core import fields
from commoning.log import clock
from commoning.log.append import append, attachment_text
from commoning.log.atomic import atomic_action
from commoning.log.registry import Forbidden, Rejected
from commoning.work import access
from commoning.work import events as work_events
from commoning.work.events import EFFORT_MAX, REASON_MAX, RULE_NUMBERS, TITLE_MAX
from commoning.work.events.common import kinds_allowed
from commoning.work.models import Contribution, Evidence, RulesVersion

DESCRIPTION_MAX = 20_000


def _actor(user):
    return actor_for(user)


def _newcomer_may_write(member_id: str) -> None:
    """A member who joined recently records contributions and tasks under a token bucket.

    Node-local (like every rate limit), read from the present: it never decides whether an
    entry that arrives from a peer is valid, only how fast this node's newcomers may write.
    """
    days, (burst, per_minute) = settings.COMMONING_NEWCOMER_DAYS, settings.COMMONING_NEWCOMER_RATE
    if days <= 0:  # the limit is off: nobody is a newcomer, so no need to read when they joined
        return
    joined_ts = Member.objects.filter(id=member_id).values_list("created_ts", flat=True).first()
    if joined_ts is None or clock.now_ms() - joined_ts >= days * 86_400_000:
        return
    if not ratelimit.take(f"work:newcomer:{member_id}", capacity=burst, per_minute=per_minute):
        raise Rejected(
            _("New members may record only a few contributions and tasks at a time; "
              "wait a minute and try again."),
            status=429,
        )


def _found(row, what: str):
    """The row an action acts on, or a 404 that says what was not found."""
    if row is None:
        raise Rejected(f"no such {what}", status=404)
    return row


def _contribution(net, contribution_id):
    return _found(access.get_contribution(net, (contribution_id or "")[:64]), "contribution")


def _commons(net, commons_id):
    return _found(get_commons(net, (commons_id or "")[:64]), "commons")


def _maintainer_deps(commons, member_id) -> list[str]:
    """What makes the member a maintainer, for deps: nothing for the founder, else their grant."""
    if commons.founder_id == member_id:
        return []
    grant = access.role_grant_of(commons.id, member_id)
    if grant is None:
        raise Forbidden("only the founder or a maintainer of this commons may do this")
    return [grant.id]


def _description(text, field="description", required=False) -> bytes | None:
    value = fields.clean_text(
        text or "",
        field,
        max_length=DESCRIPTION_MAX,
        min_length=1 if required else 0,
        multiline=True,
    )
    return value.encode() if value else None


# -- rules ---------------------------------------------------------------------------------------
@atomic_action
def publish_rules(user, commons_id, *, mode, kinds, kind_labels=None, **numbers):
    """Publish a new version of a commons' rules. `kind_labels` names the commons' own kinds
    ({"field_trial": "Field trial"}); each is allowed with the built-in `kinds` chosen."""
    net, member_id, key = _actor(user)
    commons = _commons(net, commons_id)
    if commons.founder_id != member_id:
        raise Forbidden("only the commons' founder publishes its rules")
    labels = dict(kind_labels or {})
    data = {"commons": commons.id, "mode": mode, "kinds": sorted(set(kinds) | set(labels))}
    if labels:
        data["kind_labels"] = labels
    for name in RULE_NUMBERS:
        data[name] = numbers[name]
    entry = append(key, net=net, type="work.rules", data=data, deps=[commons.id])
    return entry.id


def _kind_in_rules(commons, kind):
    """The rules in force, once `kind` is one of the kinds they allow."""
    rules = access.rules_for(commons.id)
    if kind not in rules.kinds:
        raise fields.FieldError(
            "kind",
            "this commons uses the kinds " + ", ".join(label for _k, label in rules.kind_choices()),
        )
    return rules


# -- tasks ---------------------------------------------------------------------------------------
@atomic_action
def create_task(user, commons_id, *, title, kind, description=""):
    net, member_id, key = _actor(user)
    commons = _commons(net, commons_id)
    rules = _kind_in_rules(commons, kind)
    data = {
        "commons": commons.id,
        "title": fields.clean_text(title, "title", max_length=TITLE_MAX),
        "kind": kind,
    }
    deps = [commons.id]
    if rules.rules_id:  # the version whose kinds allow it (the commons' own kinds need it)
        data["rules"] = rules.rules_id
        deps.append(rules.rules_id)
    _newcomer_may_write(member_id)
    entry = append(
        key,
        net=net,
        type="work.task",
        data=data,
        deps=sorted(deps),
        attachment=_description(description),
    )
    return access.get_task(net, entry.id)


@atomic_action
def claim_task(user, task_id, *, member=None):
    net, member_id, key = _actor(user)
    task = _found(access.get_task(net, (task_id or "")[:64]), "task")
    if member not in (None, "", member_id):
        raise Forbidden("a member claims a task only for themselves; nobody claims for another")
    view = access.task_view(task)
    if member_id in view.holder_ids:
        raise Rejected("you already hold this task", status=409)
    if view.status not in ("open", "stale"):
        # Knowing of a held claim, a new one could only join it: the action refuses that.
        raise Rejected(f"this task is {view.status}; pick an open one", status=409)
    # Every claim this node knows on the task is released or expired; naming them says so.
    deps = [task.id, *access.known_claim_ids(task.id)]
    entry = append(key, net=net, type="work.claim", data={"task": task.id}, deps=sorted(deps))
    return entry.id


@atomic_action
def unclaim_task(user, task_id):
    net, member_id, key = _actor(user)
    task = _found(access.get_task(net, (task_id or "")[:64]), "task")
    claims = list(access.claims_of(member_id, task.id))
    if not claims:
        raise Rejected("you hold no claim on this task", status=409)
    for claim in claims:
        append(key, net=net, type="work.unclaim", data={"claim": claim.id}, deps=[claim.id])


# -- contributions -------------------------------------------------------------------------------
@atomic_action
def record_contribution(
    user,
    commons_id,
    *,
    kind,
    effort_minutes,
    description,
    evidence_url="",
    task=None,
    revision=None,
):
    net, member_id, key = _actor(user)
    commons = _commons(net, commons_id)
    rules = _kind_in_rules(commons, kind)
    data = {
        "commons": commons.id,
        "kind": kind,
        "effort_minutes": fields.integer(
            {"effort_minutes": effort_minutes}, "effort_minutes", minimum=1, maximum=EFFORT_MAX
        ),
    }
    # The rules that will judge it for good: the version in force here, or the commons itself
    # for the defaults while none is published.
    data["rules"] = rules.rules_id or commons.id
    deps = sorted({commons.id, data["rules"]})
    if evidence_url:
        data["evidence_url"] = fields.clean_text(evidence_url, "evidence_url", max_length=500)
    if task:
        found = access.get_task(net, task[:64])
        if found is None or found.commons_id != commons.id:
            raise fields.FieldError("task", "is not a task of this commons")
        data["task"] = found.id
        deps.append(found.id)
    if revision:
        found = access.get_revision(net, revision[:64])
        if found is None:
            raise fields.FieldError("revision", "no such revision")
        data["revision"] = found.id
        deps.append(found.id)
    _newcomer_may_write(member_id)
    description_bytes = _description(description, required=True)
    entry = append(
        key,
        net=net,
        type="work.contribution",
        data=data,
        deps=deps,
        attachment=description_bytes,
    )
    contribution = access.get_contribution(net, entry.id)
    # What the action already holds, so the answer needs no second reading of the rules or
    # the description: the rules it named are the ones in force, and nobody has judged it yet.
    contribution.verdict = access.verdict(contribution, rules)
    version = RulesVersion.objects.filter(id=rules.rules_id).first() if rules.rules_id else None
    contribution.rules_note = access.RulesNote(rules, version, named=True, newer=None)
    contribution.description_text = description_bytes.decode()
    return contribution


@atomic_action
def amend_contribution(
    user, contribution_id, *, kind=None, effort_minutes=None, evidence_url=None, description=None
):
    net, member_id, key = _actor(user)
    contribution = _contribution(net, contribution_id)
    if contribution.member_id != member_id:
        raise Forbidden("only its author may amend a contribution")
    data = {"contribution": contribution.id}
    if kind is not None:
        # The kinds of the rules it was recorded under, as its rule reads them.
        allowed = kinds_allowed(contribution.rules_id, contribution.commons_id)
        if kind not in allowed:
            raise fields.FieldError("kind", "its rules allow the kinds " + ", ".join(allowed))
        data["kind"] = kind
    if effort_minutes is not None:
        data["effort_minutes"] = effort_minutes
    if evidence_url:
        data["evidence_url"] = fields.clean_text(evidence_url, "evidence_url", max_length=500)
    attachment = _description(description) if description is not None else None
    append(
        key, net=net, type="work.amend", data=data, deps=[contribution.id], attachment=attachment
    )
    return Contribution.objects.get(id=contribution.id)


@atomic_action
def validate(user, contribution_id, *, verdict, reason=""):
    """Approve or object to the current version of another member's contribution; then record
    any role it earns. A member's new judgement replaces their earlier one."""
    net, member_id, key = _actor(user)
    contribution = _contribution(net, contribution_id)
    if contribution.member_id == member_id:
        raise Forbidden("nobody validates their own contribution")
    if contribution.hidden:
        raise Rejected(_("This contribution was hidden as spam, so it cannot be judged."),
                       status=409)
    if verdict not in ("approve", "object"):
        raise fields.FieldError("verdict", "must be approve or object")
    reason = fields.clean_text(
        reason or "", "reason", max_length=REASON_MAX, min_length=1 if verdict == "object" else 0
    )
    standing = access.standing_judgement(contribution, member_id)
    if standing is not None and standing.verdict == verdict:
        raise Rejected(
            _("You already approved this version.") if verdict == "approve"
            else _("You already objected to this version."),
            status=409,
        )
    version = contribution.version or contribution.id
    data = {"contribution": contribution.id, "verdict": verdict, "version": version}
    if reason:
        data["reason"] = reason
    deps = sorted({contribution.id, version})
    grant = access.role_grant_of(contribution.commons_id, member_id)
    if grant is not None:
        deps.append(grant.id)  # so the approval counts as a maintainer's on every node
    entry = append(key, net=net, type="work.validation", data=data, deps=deps)
    if verdict == "approve":
        from commoning.work.role_actions import record_earned_role

        record_earned_role(user, contribution.commons_id, contribution.member_id, quiet=True)
    return entry.id


@atomic_action
def withdraw_validation(user, validation_id):
    net, member_id, key = _actor(user)
    validation = _found(access.get_validation(net, (validation_id or "")[:64]), "judgement")
    if validation.member_id != member_id:
        raise Forbidden("only the member who gave a judgement may withdraw it")
    if validation.withdrawn:
        raise Rejected("already withdrawn", status=409)
    append(
        key, net=net, type="work.withdraw", data={"validation": validation.id}, deps=[validation.id]
    )


@atomic_action
def settle_objection(user, validation_id, *, reason):
    net, member_id, key = _actor(user)
    validation = _found(access.get_validation(net, (validation_id or "")[:64]), "objection")
    commons = _commons(net, validation.commons_id)
    deps = [validation.id, *_maintainer_deps(commons, member_id)]
    if validation.verdict != "object" or not validation.standing or validation.settled:
        # Withdrawn, replaced by a later judgement, or of an earlier version: it counts no more.
        raise Rejected("only a standing objection can be settled", status=409)
    reason = fields.clean_text(reason or "", "reason", max_length=REASON_MAX)
    append(
        key,
        net=net,
        type="work.settle",
        data={"validation": validation.id, "reason": reason},
        deps=deps,
    )


@atomic_action
def hide_contribution(user, contribution_id, *, reason):
    net, member_id, key = _actor(user)
    contribution = _contribution(net, contribution_id)
    commons = _commons(net, contribution.commons_id)
    deps = [contribution.id, *_maintainer_deps(commons, member_id)]
    reason = fields.clean_text(reason or "", "reason", max_length=REASON_MAX)
    append(
        key,
        net=net,
        type="work.hide",
        data={"contribution": contribution.id, "reason": reason},
        deps=deps,
    )


# -- artifacts, roles and forks ------------------------------------------------------------------
# The artifact and revision actions live in artifact_actions.py and the role actions in
# role_actions.py (one job, one module); callers that still say `actions.create_artifact` or
# `actions.recall_maintainer` keep working.
MOVED = {
    "artifact_actions": {"CURRENT_HEAD", "EditConflict", "create_artifact", "merge_versions",
                         "restore_revision", "revise_artifact"},
    "role_actions": {"appoint_maintainer", "recall_maintainer", "record_earned_role",
                     "record_lapse"},
}


def __getattr__(name):
    import importlib

    for module, names in MOVED.items():
        if name in names:
            return getattr(importlib.import_module(f"commoning.work.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@atomic_action
def fork_commons(user, commons_id, *, name, reason):
    net, _member_id, key = _actor(user)
    commons = _commons(net, commons_id)
    data = {
        "commons": commons.id,
        "name": fields.clean_text(name, "name", max_length=120),
        "reason": fields.clean_text(reason or "", "reason", max_length=REASON_MAX),
    }
    deps = [commons.id]
    rules = access.rules_for(commons.id)
    if (
        rules.rules_id
        and access.RulesVersion.objects.filter(id=rules.rules_id, commons_id=commons.id).exists()
    ):
        data["rules"] = rules.rules_id
        deps.append(rules.rules_id)
    entry = append(key, net=net, type="work.fork", data=data, deps=deps)
    _carry_open_tasks(key, net, commons.id, entry.id, data.get("rules"))
    return get_commons(net, entry.id)


FORK_TASKS_CARRIED = 200  # the newest open tasks a fork copies; older ones stay a link away


def _carry_open_tasks(key, net, origin_id: str, fork_id: str, rules_id: str | None) -> None:
    """Copy the origin's open tasks (not done now, when the fork is made) into the fork, each
    a new `work.task` naming the task it carries. Claims stay with the origin: in the fork,
    anyone picks the work afresh. A task of a kind the fork's rules no longer allow stays
    behind, since its rule would refuse it."""
    allowed = kinds_allowed(rules_id, fork_id)
    open_tasks = [
        view.task
        for view in access.task_views(access.tasks_in(origin_id)[:FORK_TASKS_CARRIED])
        if view.status != "done" and view.task.kind in allowed
    ]
    for task in reversed(open_tasks):  # oldest first, so the fork's board keeps their order
        data = {"commons": fork_id, "title": task.title, "kind": task.kind, "from_task": task.id}
        deps = {fork_id, task.id}
        if rules_id:
            data["rules"] = rules_id
            deps.add(rules_id)
        description = attachment_text(task.description_hash) if task.description_hash else None
        append(
            key,
            net=net,
            type="work.task",
            data=data,
            deps=sorted(deps),
            attachment=description.encode() if description else None,
        )


EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


@atomic_action
def attach_evidence(user, contribution_id, *, name, body: bytes, media_type: str):
    """Attach a file to one's own contribution: a `work.evidence` entry carrying the file."""
    net, member_id, key = _actor(user)
    contribution = _contribution(net, contribution_id)
    if contribution.member_id != member_id:
        raise Forbidden(_("Only its author may attach evidence to a contribution."))
    name = fields.clean_text(name, "file", max_length=200)
    if not body:
        raise fields.FieldError("file", "is empty")
    if len(body) > EVIDENCE_MAX_BYTES:
        raise fields.FieldError("file", f"must be at most {EVIDENCE_MAX_BYTES // 1024 // 1024} MB")
    media_type = (media_type or "").split(";")[0].strip().lower()
    if not work_events.MEDIA_TYPE.fullmatch(media_type):
        media_type = "application/octet-stream"
    entry = append(
        key,
        net=net,
        type="work.evidence",
        data={"contribution": contribution.id, "name": name, "media_type": media_type},
        deps=[contribution.id],
        attachment=body,
        media_type=media_type,
    )
    return Evidence.objects.get(id=entry.id)
