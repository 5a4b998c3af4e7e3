"""API of peer production: rules, tasks and claims, contributions and validations, roles,
reputation and forks (artifacts: artifact_api.py). Thin: actions write, access reads."""

from typing import Literal

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.access import account_for
from commoning.accounts.actions import default_network
from commoning.apikit import Keyed, KeysetPagination, TokenAuth, error
from commoning.commons.access import get_commons
from commoning.core import limits
from commoning.log.append import attachment_text
from commoning.work import access, actions, batch_actions, role_actions, standing
from commoning.work.artifact_api import router as artifact_router
from commoning.work.artifact_file_api import router as artifact_file_router
from commoning.work.role_evidence_api import router as role_evidence_router
from commoning.work.rules import CONTRIBUTION_STATES, KINDS_MAX, MODES, TASK_STATUSES, VERDICTS

Mode = Literal[MODES]
TaskStatus = Literal[TASK_STATUSES]
ContributionState = Literal[CONTRIBUTION_STATES]
Verdict = Literal[VERDICTS]

router = Router(tags=["work"])


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404("this node serves no network yet")
    return net


def _commons_or_404(commons_id: str):
    commons = get_commons(_net(), commons_id[:64])
    if commons is None:
        raise Http404("no such commons")
    return commons


# -- schemas -------------------------------------------------------------------------------------
class RulesOut(Schema):
    rules_id: str
    mode: Mode = Field(description="Who grants the maintainer role: the founder, or the rules.")
    min_approvals: int
    objection_window_days: int
    claim_days: int
    maintainer_contributions: int
    maintainer_approvals: int
    inactivity_days: int
    kinds: list[str]
    kind_labels: dict[str, str] = Field(
        description="The commons' own kinds (ids in `kinds`) and the labels members read."
    )
    validation_rule: str
    maintainer_rule: str


class RulesIn(Schema):
    mode: Mode = Field(description="Who grants the maintainer role: the founder, or the rules.")
    kinds: list[str] = Field(max_length=KINDS_MAX)
    kind_labels: dict[str, str] = Field(
        default_factory=dict,
        description="Kinds of the commons' own: id (2 to 20 of a-z, 0-9, _) to label.",
    )
    min_approvals: int = 2
    objection_window_days: int = 7
    claim_days: int = 14
    maintainer_contributions: int = 3
    maintainer_approvals: int = 1
    inactivity_days: int = 180


class TaskOut(Schema):
    id: str
    commons_id: str
    title: str
    kind: str
    author_id: str
    created_ts: int
    status: TaskStatus = Field(description="Where the task stands; stale: every claim expired.")
    holder_id: str | None  # the first of holder_ids, or None
    holder_ids: list[str]  # everyone holding the task: concurrent claims hold it together
    description: str | None
    from_task_id: str = Field(
        "", description="For a task a fork carries: the origin's open task it was copied from."
    )


class MatchOut(TaskOut):
    reason: str


class TaskIn(Schema):
    title: str
    kind: str
    description: str = ""


class ClaimIn(Schema):
    # A task is claimed by the member who will do it; naming anyone else is refused (403).
    member: str | None = None


class ContributionOut(Schema):
    id: str
    commons_id: str
    member_id: str
    kind: str
    effort_minutes: int
    evidence_url: str
    task_id: str | None
    revision_id: str | None
    ts: int
    approvals: int
    standing_objections: int
    hidden: bool
    hidden_by: str = Field(description="The member who hid it as spam; empty when not hidden.")
    hidden_reason: str = Field(description="Why it was hidden; empty when not hidden.")
    state: ContributionState = Field(
        description="Where it stands by its rules; in-window: approved, objections still open."
    )
    reasons: list[str]
    description: str | None
    version: str = Field(
        description="The version judged: the id of the contribution or of the amendment that "
        "last changed it. Only judgements of this version count."
    )
    rules_id: str | None = Field(
        description="The `work.rules` version that judges this contribution, fixed when it was "
        "recorded; null for the default rules."
    )
    rules_ts: int | None = Field(description="When that rules version was published (ms).")
    rules_named: bool = Field(
        description="False for a contribution recorded before contributions named their rules: "
        "it follows the rules in force."
    )
    newer_rules_id: str | None = Field(
        description="The rules version in force now when it is a different one, else null."
    )


class ContributionItemIn(Schema):
    """One contribution of a batch: the commons is the batch's."""

    kind: str
    effort_minutes: int
    description: str
    evidence_url: str = ""
    task: str | None = None
    revision: str | None = None


class ContributionIn(ContributionItemIn):
    commons: str


class ContributionBatchIn(Schema):
    items: list[ContributionItemIn] = Field(
        ..., min_length=1, max_length=limits.CONTRIBUTIONS_PER_BATCH,
        description="Contributions to record together: all of them, or none.",
    )


class ContributionBatchOut(Schema):
    items: list[ContributionOut]


class ContributionPatch(Schema):
    kind: str | None = None
    effort_minutes: int | None = None
    evidence_url: str | None = None
    description: str | None = None


class ValidationIn(Schema):
    verdict: Verdict = Field(description="approve, or object (an objection needs a reason).")
    reason: str = ""


class ValidationOut(Schema):
    id: str
    contribution_id: str
    member_id: str
    verdict: Verdict
    reason: str
    by_maintainer: bool
    withdrawn: bool
    settled: bool
    settled_reason: str
    ts: int
    version: str = Field(description="The version of the contribution this judgement judged.")
    standing: bool = Field(
        description="True when this is the member's latest judgement, of the current version, "
        "and not withdrawn: only standing judgements count."
    )


class ReasonIn(Schema):
    reason: str


class RoleIn(Schema):
    member: str


class EntryOut(Schema):
    id: str | None


class ForkIn(Schema):
    name: str
    reason: str


class ForkOut(Schema):
    id: str
    name: str
    origin_id: str
    reason: str


def _rules_out(rules) -> dict:
    return {
        "rules_id": rules.rules_id,
        "mode": rules.mode,
        "min_approvals": rules.min_approvals,
        "objection_window_days": rules.objection_window_days,
        "claim_days": rules.claim_days,
        "maintainer_contributions": rules.maintainer_contributions,
        "maintainer_approvals": rules.maintainer_approvals,
        "inactivity_days": rules.inactivity_days,
        "kinds": list(rules.kinds),
        "kind_labels": dict(rules.kind_labels),
        "validation_rule": rules.validation_rule_text(),
        "maintainer_rule": rules.maintainer_rule_text(),
    }


def _task_out(view, texts: dict | None = None) -> dict:
    task = view.task
    return {
        "id": task.id,
        "commons_id": task.commons_id,
        "title": task.title,
        "kind": task.kind,
        "author_id": task.author_id,
        "created_ts": task.created_ts,
        "status": view.status,
        "holder_id": view.holder_id,
        "holder_ids": view.holder_ids,
        "from_task_id": task.from_task_id,
        "description": (
            texts.get(task.description_hash) if texts is not None
            else attachment_text(task.description_hash)
        ),
    }


def _contribution_out(contribution, notes=None, texts: dict | None = None) -> dict:
    notes = notes or access.RulesNotes()
    verdict = getattr(contribution, "verdict", None) or access.verdict(contribution)
    return {
        **{
            f: getattr(contribution, f)
            for f in (
                "id",
                "commons_id",
                "member_id",
                "kind",
                "effort_minutes",
                "evidence_url",
                "task_id",
                "revision_id",
                "ts",
                "approvals",
                "standing_objections",
                "hidden",
                "hidden_by",
                "hidden_reason",
            )
        },
        "state": verdict.state,
        "reasons": verdict.reasons,
        "description": (
            texts.get(contribution.description_hash)
            if texts is not None
            else getattr(contribution, "description_text", None)
            or attachment_text(contribution.description_hash)
        ),
        **_rules_fields(contribution, notes),
    }


def _rules_fields(contribution, notes) -> dict:
    note = notes(contribution)
    return {
        "version": contribution.version or contribution.id,
        "rules_id": note.version.id if note.version else None,
        "rules_ts": note.version.ts if note.version else None,
        "rules_named": note.named,
        "newer_rules_id": note.newer.id if note.newer else None,
    }


# -- rules ---------------------------------------------------------------------------------------
@router.get("/commons/{commons_id}/rules", response=RulesOut)
def get_rules(request, commons_id: str):
    """The rules in force in a commons: who grants roles, approvals needed, windows, kinds."""
    return _rules_out(access.rules_for(_commons_or_404(commons_id).id))


@router.put("/commons/{commons_id}/rules", response=RulesOut, auth=TokenAuth())
def put_rules(request, commons_id: str, payload: RulesIn):
    """Publish new rules for a commons (its founder only): a signed `work.rules` entry."""
    actions.publish_rules(request.auth, commons_id[:64], **payload.dict())
    return _rules_out(access.rules_for(commons_id[:64]))


# -- tasks ---------------------------------------------------------------------------------------
@router.get("/commons/{commons_id}/tasks", response=list[TaskOut])
@paginate(KeysetPagination)
def list_tasks(request, commons_id: str):
    """The tasks of a commons, a page at a time, each with its status and holders."""
    return Keyed(
        access.tasks_in(_commons_or_404(commons_id).id),
        _task_page,
    )


def _task_page(tasks) -> list[dict]:
    """One page of tasks, with statuses and descriptions read for the whole page at once."""
    texts = access.attachment_texts(task.description_hash for task in tasks)
    return [_task_out(view, texts) for view in access.task_views(tasks)]


@router.post("/commons/{commons_id}/tasks", response={201: TaskOut}, auth=TokenAuth())
def create_task(request, commons_id: str, payload: TaskIn):
    """Publish a task in a commons for members to pick for themselves."""
    task = actions.create_task(request.auth, commons_id[:64], **payload.dict())
    return Status(201, _task_out(access.task_view(task)))


@router.get("/tasks/{task_id}", response=TaskOut)
def get_task(request, task_id: str):
    """One task with its status and who holds it."""
    task = access.get_task(_net(), task_id[:64])
    if task is None:
        raise Http404("no such task")
    return _task_out(access.task_view(task))


@router.post("/tasks/{task_id}/claim", response=TaskOut, auth=TokenAuth())
def claim_task(request, task_id: str, payload: ClaimIn):
    """Claim a task for yourself (never for someone else); it is yours until you release it or
    the claim expires."""
    actions.claim_task(request.auth, task_id[:64], member=payload.member)
    return get_task(request, task_id)


@router.post("/tasks/{task_id}/unclaim", response=TaskOut, auth=TokenAuth())
def unclaim_task(request, task_id: str):
    """Release your claim on a task."""
    actions.unclaim_task(request.auth, task_id[:64])
    return get_task(request, task_id)


# -- contributions -------------------------------------------------------------------------------
@router.get("/commons/{commons_id}/contributions", response=list[ContributionOut])
@paginate(KeysetPagination)
def list_contributions(request, commons_id: str):
    """The contributions recorded in a commons, a page at a time, each with where it stands."""
    return Keyed(access.contributions_in(_commons_or_404(commons_id).id), _contribution_page)


def _contribution_page(rows) -> list[dict]:
    """One page of contributions: verdicts, rules notes (once per rules version) and
    descriptions read for the whole page at once."""
    notes = access.RulesNotes()
    texts = access.attachment_texts(row.description_hash for row in rows)
    return [_contribution_out(row, notes, texts) for row in access.with_verdicts(rows)]


@router.post("/contributions", response={201: ContributionOut}, auth=TokenAuth())
def record_contribution(request, payload: ContributionIn):
    """Record work you did in a commons; other members validate it."""
    data = payload.dict()
    contribution = actions.record_contribution(request.auth, data.pop("commons")[:64], **data)
    return Status(201, _recorded_contribution_out(contribution))


@router.post(
    "/commons/{commons_id}/contributions/batch", response={201: ContributionBatchOut},
    auth=TokenAuth(),
)
def record_contributions(request, commons_id: str, payload: ContributionBatchIn):
    """Record up to CONTRIBUTIONS_PER_BATCH contributions in one action: all, or none with
    every refused item named by its index. Honours Idempotency-Key like every POST."""
    items = [item.dict() for item in payload.items]
    try:
        recorded = batch_actions.record_contributions(request.auth, commons_id[:64], items)
    except batch_actions.BatchRefused as refused:
        return error(refused.status, "batch_refused", refused.reason, items=refused.items)
    return Status(201, {"items": [_recorded_contribution_out(c) for c in recorded]})


def _recorded_contribution_out(contribution) -> dict:
    """The answer to a recording, from what the action holds (its verdict, the rules it named,
    its description): reading them again would cost more queries than the write itself."""
    notes = access.RulesNotes()
    notes.found[(contribution.commons_id, contribution.rules_id)] = contribution.rules_note
    return _contribution_out(contribution, notes)


@router.get("/contributions/{contribution_id}", response=ContributionOut)
def get_contribution(request, contribution_id: str):
    """One contribution, where it stands by the rules it was recorded under, and why."""
    contribution = access.get_contribution(_net(), contribution_id[:64])
    if contribution is None:
        raise Http404("no such contribution")
    return _contribution_out(contribution)


@router.patch("/contributions/{contribution_id}", response=ContributionOut, auth=TokenAuth())
def amend_contribution(request, contribution_id: str, payload: ContributionPatch):
    """Amend your own contribution: only the fields sent change; judgements of the old version
    stop counting."""
    return _contribution_out(
        actions.amend_contribution(request.auth, contribution_id[:64], **payload.dict())
    )


@router.get("/contributions/{contribution_id}/validations", response=list[ValidationOut])
@paginate(KeysetPagination)
def list_validations(request, contribution_id: str):
    """The judgements of a contribution (approvals and objections), a page at a time."""
    return access.validations_of(contribution_id[:64])


@router.post(
    "/contributions/{contribution_id}/validations", response={201: EntryOut}, auth=TokenAuth()
)
def validate(request, contribution_id: str, payload: ValidationIn):
    """Approve or object to another member's contribution (an objection needs a reason); it
    replaces your earlier judgement."""
    return Status(
        201, {"id": actions.validate(request.auth, contribution_id[:64], **payload.dict())}
    )


@router.post("/validations/{validation_id}/withdraw", response=EntryOut, auth=TokenAuth())
def withdraw(request, validation_id: str):
    """Withdraw your own judgement."""
    actions.withdraw_validation(request.auth, validation_id[:64])
    return {"id": validation_id[:64]}


@router.post("/validations/{validation_id}/settle", response=EntryOut, auth=TokenAuth())
def settle(request, validation_id: str, payload: ReasonIn):
    """Settle a standing objection (a maintainer), saying how it was settled."""
    actions.settle_objection(request.auth, validation_id[:64], reason=payload.reason)
    return {"id": validation_id[:64]}


@router.post("/contributions/{contribution_id}/hide", response=ContributionOut, auth=TokenAuth())
def hide(request, contribution_id: str, payload: ReasonIn):
    """Hide a contribution as spam (a maintainer), with a reason; it stops counting."""
    actions.hide_contribution(request.auth, contribution_id[:64], reason=payload.reason)
    return get_contribution(request, contribution_id)


# -- roles and reputation ------------------------------------------------------------------------
@router.post("/commons/{commons_id}/roles/earned", response={201: EntryOut}, auth=TokenAuth())
def record_earned_role(request, commons_id: str, payload: RoleIn):
    """Record the maintainer role a member earned by the commons' rules (rules-led commons)."""
    entry_id = role_actions.record_earned_role(request.auth, commons_id[:64], payload.member[:64])
    return Status(201, {"id": entry_id})


@router.post("/commons/{commons_id}/roles/appointed", response={201: EntryOut}, auth=TokenAuth())
def appoint(request, commons_id: str, payload: RoleIn):
    """Appoint a maintainer (the founder of a founder-led commons)."""
    entry_id = role_actions.appoint_maintainer(request.auth, commons_id[:64], payload.member[:64])
    return Status(201, {"id": entry_id})


@router.get("/members/{member_id}/contributions", response=list[ContributionOut])
@paginate(KeysetPagination)
def member_contributions(request, member_id: str):
    """A member's contributions, newest first (their profile's recent work)."""
    return Keyed(standing.recent_work(member_id[:64]), _contribution_page)


@router.get("/members/{member_id}/reputation")
def reputation(request, member_id: str):
    """A member's validated contributions and effort, by kind and by commons."""
    return access.reputation(member_id[:64])


@router.get("/matches", response=list[MatchOut], auth=TokenAuth())
@paginate(KeysetPagination)
def matches(request):
    """Open tasks that fit your past work, a page at a time, each with why it fits."""
    member_id = account_for(request.auth).member_id
    return [{**_task_out(view), "reason": reason} for view, reason in access.matches_for(member_id)]


# -- artifacts and forks -------------------------------------------------------------------------
@router.post("/commons/{commons_id}/forks", response={201: ForkOut}, auth=TokenAuth())
def fork(request, commons_id: str, payload: ForkIn):
    """Fork a commons: a new commons carrying its artifacts, history and credits, with your
    reason."""
    forked = actions.fork_commons(request.auth, commons_id[:64], **payload.dict())
    link = access.fork_of(forked.id)
    out = {"id": forked.id, "name": forked.name, "origin_id": link.origin_id, "reason": link.reason}
    return Status(201, out)


# Artifacts, their revisions and files, roles and evidence have their own modules; their paths stay
# under /api/work/.
router.add_router("", artifact_router)
router.add_router("", artifact_file_router)
router.add_router("", role_evidence_router)
