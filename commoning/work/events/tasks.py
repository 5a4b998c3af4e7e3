"""Entry types of open work: `work.task`, `work.claim` and `work.unclaim`.

Rules read only the entry and its causal past (see commoning.work.events)."""


from commoning.core import fields
from commoning.log.registry import Forbidden, Rejected
from commoning.work.events.artifacts import lineage
from commoning.work.events.common import (
    TITLE_MAX,
    commons_named,
    kind_field,
    kinds_allowed,
    member_of,
    row_named,
    rules_named,
)
from commoning.work.events.task_state import move_count, refresh_task_state
from commoning.work.models import (
    Claim,
    Task,
)


# -- tasks and claims ----------------------------------------------------------------------------
def check_task(entry):
    """A task of a commons, of a kind its rules allow (a version named in `rules` and deps for
    the commons' own kinds). A task copied into a fork names the origin's task it carries
    (`from_task`, in deps), which must belong to a commons the fork comes from."""
    fields.only_fields(
        entry.data, {"commons", "title", "kind", "rules", "from_task"}, {"commons", "title", "kind"}
    )
    commons = commons_named(entry)
    fields.text(entry.data, "title", max_length=TITLE_MAX)
    kind_field(entry.data, kinds_allowed(rules_named(entry, commons.id), commons.id))
    if "from_task" in entry.data:
        origin_task = row_named(entry, Task, "from_task", "task carried from the origin")
        origins = {commons_id for commons_id, _until in lineage(commons.id)[1:]}
        if origin_task.commons_id not in origins:
            raise Rejected("a task carried into a fork comes from a commons it was forked from")


def apply_task(entry):
    Task.objects.create(
        id=entry.id,
        net=entry.net,
        commons_id=entry.data["commons"],
        title=entry.data["title"],
        kind=entry.data["kind"],
        description_hash=(entry.att or {}).get("hash"),
        author_id=member_of(entry),
        created_ts=entry.ts,
        from_task_id=entry.data.get("from_task", ""),
    )
    move_count(entry.net, entry.data["commons"], "open", 1)  # a new task has no claims yet


def check_claim(entry):
    """A member claims a task for themselves. Besides the task, deps may list only earlier
    claims on the same task: the ones the author knew of, which the holders' order follows.

    A claim made knowing of a claim still held is refused by the action; written directly, it
    only joins the holders (after the claims it knew), never displaces one. Nothing here reads
    `ts`: the log already refuses a claim dated before its task or the author's last entry.
    """
    fields.only_fields(entry.data, {"task", "member"}, {"task"})
    task = row_named(entry, Task, "task", "task")
    # A task is picked, never assigned: if a member is named, it must be the author.
    if "member" in entry.data and fields.entry_id(entry.data, "member") != member_of(entry):
        raise Forbidden("a member claims a task only for themselves; nobody claims for another")
    known = _known_claims(entry, task.id)
    if known and Claim.objects.filter(id__in=known, task_id=task.id, net=entry.net).count() != len(
        known
    ):
        raise Rejected("a claim lists in deps only its task and earlier claims on that task")


def _known_claims(entry, task_id: str) -> list[str]:
    return [dep for dep in entry.deps if dep != task_id]


def apply_claim(entry):
    task = Task.objects.get(id=entry.data["task"])
    Claim.objects.create(
        id=entry.id,
        net=entry.net,
        task_id=task.id,
        commons_id=task.commons_id,
        member_id=member_of(entry),
        ts=entry.ts,
        author=entry.author,
        known_claims=" ".join(_known_claims(entry, task.id)),
    )
    refresh_task_state(task.id)


def check_unclaim(entry):
    fields.only_fields(entry.data, {"claim"}, {"claim"})
    claim = row_named(entry, Claim, "claim", "claim")
    if claim.member_id != member_of(entry):
        raise Forbidden("only the member who claimed a task may release the claim")


def apply_unclaim(entry):
    Claim.objects.filter(id=entry.data["claim"]).update(released=True)
    refresh_task_state(Claim.objects.filter(id=entry.data["claim"]).values_list(
        "task_id", flat=True).first())


