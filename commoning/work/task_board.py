"""The task board of a commons, read at the cost of what it shows: a page of tasks per column,
each selected by an index over the state the apply functions keep (events.task_state), and the
column totals from the maintained stage counts.

The stored state never reads the clock, so the time-dependent part is decided here, against
`now`: a claim expires `claim_days` after its ts (the claimed and stale columns split the
`claimed` stage at `now - claim period` by the indexed `live_claim_ts`), and a task whose linked
work is still in its objection window (`done_from_ts > now`, an indexed range: only recent work)
shows in the column of its other state. The status of each task shown is then derived in full by
access.task_views, which also orders its holders.
"""

from commoning.work import access
from commoning.work.models import Task, TaskCount

COLUMN_SIZE = 50  # tasks shown per column; the rest are a filter or the API away
COLUMNS = ("open", "stale", "claimed", "submitted", "done")


class BoardColumn(list):
    """The tasks shown in one column, and how many tasks the column holds in all."""

    total: int = 0


def board(commons_id: str, now: int | None = None, limit: int = COLUMN_SIZE) -> dict:
    """The stigmergic board: per column (what a task needs next) its newest `limit` tasks.

    Each query walks an index newest first and stops after a page, or reads a range that only
    recent work fills (fresh claims, work in its objection window): never a commons' history.
    """
    now = now if now is not None else access.now_ms()
    claim_ms = access.rules_for(commons_id).claim_ms
    cutoff = now - claim_ms  # a claim is fresh while now < its ts + claim period
    tasks = Task.objects.filter(commons_id=commons_id)
    newest = ("-created_ts", "id")
    # Done, but still in its objection window: shown by its phase until the window closes.
    in_window = list(tasks.filter(stage="done", done_from_ts__gt=now).order_by(*newest))
    fresh = list(tasks.filter(stage="claimed", live_claim_ts__gt=cutoff).order_by(*newest)[:limit])
    fresh_count = tasks.filter(stage="claimed", live_claim_ts__gt=cutoff).count()
    candidates = {
        "open": list(tasks.filter(stage="open").order_by(*newest)[:limit]),
        "submitted": list(tasks.filter(stage="submitted").order_by(*newest)[:limit]),
        "claimed": fresh,
        # The newest claimed-stage tasks, past the fresh ones (few), are the newest stale ones.
        "stale": [
            task
            for task in tasks.filter(stage="claimed").order_by(*newest)[: limit + fresh_count]
            if task.live_claim_ts <= cutoff
        ],
        "done": [
            task
            for task in tasks.filter(stage="done").order_by(*newest)[: limit + len(in_window)]
            if task.done_from_ts <= now
        ],
    }
    chosen = {task.id: task for column in candidates.values() for task in column}
    chosen.update((task.id, task) for task in in_window)
    columns = {status: BoardColumn() for status in COLUMNS}
    ordered = sorted(chosen.values(), key=lambda task: (-task.created_ts, task.id))
    for view in access.task_views(ordered, now):
        if len(columns[view.status]) < limit:
            columns[view.status].append(view)
    for status, total in totals(commons_id, now, claim_ms, fresh_count, in_window).items():
        columns[status].total = total
    return columns


def totals(commons_id: str, now: int | None = None, claim_ms: int | None = None,
           fresh_count: int | None = None, in_window: list | None = None) -> dict:
    """How many tasks of the commons each column holds at `now`, from the stage counts and the
    few tasks whose claims are fresh or whose work is in its objection window (`board` passes
    what it has read of those already)."""
    now = now if now is not None else access.now_ms()
    if claim_ms is None:
        claim_ms = access.rules_for(commons_id).claim_ms
    stages = dict(
        TaskCount.objects.filter(commons_id=commons_id).values_list("stage", "count")
    )
    tasks = Task.objects.filter(commons_id=commons_id)
    fresh_claimed = fresh_count if fresh_count is not None else tasks.filter(
        stage="claimed", live_claim_ts__gt=now - claim_ms
    ).count()
    if in_window is None:
        in_window = tasks.filter(stage="done", done_from_ts__gt=now)
    counted = {
        "open": stages.get("open", 0),
        "stale": stages.get("claimed", 0) - fresh_claimed,
        "claimed": fresh_claimed,
        "submitted": stages.get("submitted", 0),
        "done": stages.get("done", 0),
    }
    for task in in_window:
        phase, live_claim_ts = task.phase, task.live_claim_ts
        counted["done"] -= 1
        if phase == "claimed":
            phase = "claimed" if live_claim_ts > now - claim_ms else "stale"
        counted[phase] += 1
    return counted


def recount_board(commons_id: str, now: int) -> dict[str, list[str]]:
    """Every task's status by judging each linked contribution and claim afresh: what the board
    did before the kept state, and what it must agree with (tests compare the two)."""
    from commoning.work import rules as work_rules
    from commoning.work.models import Claim, Contribution

    rules = access.rules_for(commons_id)
    columns: dict[str, list[str]] = {status: [] for status in COLUMNS}
    for task in Task.objects.filter(commons_id=commons_id).order_by("-created_ts", "id"):
        linked = list(Contribution.objects.filter(task_id=task.id, hidden=False))
        done = any(access.verdict(c, access.rules_judging(c), now).counts for c in linked)
        status, _holders = work_rules.task_status(
            rules=rules,
            claims=[access.claim_facts(c) for c in Claim.objects.filter(task_id=task.id)],
            submitters={c.member_id for c in linked},
            done=done,
            now_ms=now,
        )
        columns[status].append(task.id)
    return columns
