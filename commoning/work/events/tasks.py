"""Entry types of open work: `work.task`, `work.claim` and `work.unclaim`.

Rules read only the entry and its causal past (see commoning.work.events)."""


from commoning.core import fields
from commoning.log.registry import (
    Forbidden,
)
from commoning.work.events.common import (
    TITLE_MAX,
    commons_named,
    kind_field,
    member_of,
    row_named,
)
from commoning.work.models import (
    Claim,
    Task,
)


# -- tasks and claims ----------------------------------------------------------------------------
def check_task(entry):
    fields.only_fields(entry.data, {"commons", "title", "kind"}, {"commons", "title", "kind"})
    commons_named(entry)
    fields.text(entry.data, "title", max_length=TITLE_MAX)
    kind_field(entry.data)


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
    )


def check_claim(entry):
    fields.only_fields(entry.data, {"task", "member"}, {"task"})
    row_named(entry, Task, "task", "task")
    # A task is picked, never assigned: if a member is named, it must be the author.
    if "member" in entry.data and fields.entry_id(entry.data, "member") != member_of(entry):
        raise Forbidden("a member claims a task only for themselves; nobody claims for another")


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
    )


def check_unclaim(entry):
    fields.only_fields(entry.data, {"claim"}, {"claim"})
    claim = row_named(entry, Claim, "claim", "claim")
    if claim.member_id != member_of(entry):
        raise Forbidden("only the member who claimed a task may release the claim")


def apply_unclaim(entry):
    Claim.objects.filter(id=entry.data["claim"]).update(released=True)


