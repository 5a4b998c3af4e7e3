"""The board's read model, kept by the apply functions: each task's stored stage and the times
its status turns on, and per commons how many tasks are at each stage (`TaskCount`).

A projection never reads the clock, so it keeps only what the set of entries fixes: whether
someone holds a claim and has submitted work (`submitted`), holds only claims (`claimed`), or
none (`open`); the moment linked work becomes validated (`done_from_ts`, the earliest
`credit_closes_ts` of the task's contributions; a task with one is at stage `done`); and the
latest unreleased claim by a member who has not submitted (`live_claim_ts`). A read at time
`now` turns these into the status people see (access.task_board): a claim older than the rules'
claim period has expired (stale), and done work still in its objection window shows the task by
its other columns. Every value is recomputed from the task's rows, so any order gives the same.
"""

from commoning.log import sql

TASK_SQL = (
    "SELECT net, commons_id, stage, phase, done_from_ts, live_claim_ts FROM work_task WHERE id = %s"
)
DONE_FROM_SQL = "SELECT MIN(credit_closes_ts) FROM work_contribution WHERE task_id = %s"
SUBMITTERS_SQL = (
    "SELECT DISTINCT member_id FROM work_contribution WHERE task_id = %s AND hidden = %s"
)
HELD_CLAIMS_SQL = "SELECT member_id, ts FROM work_claim WHERE task_id = %s AND released = %s"
UPDATE_TASK_SQL = """
UPDATE work_task SET stage = %s, phase = %s, done_from_ts = %s, live_claim_ts = %s WHERE id = %s
"""
COUNT_SQL = "SELECT count FROM work_taskcount WHERE id = %s"
INSERT_COUNT_SQL = """
INSERT INTO work_taskcount (id, net, commons_id, stage, count) VALUES (%s, %s, %s, %s, %s)
"""
UPDATE_COUNT_SQL = "UPDATE work_taskcount SET count = %s WHERE id = %s"
DELETE_COUNT_SQL = "DELETE FROM work_taskcount WHERE id = %s"


def task_stage(*, done_from_ts, submitters: set, held_claims: list) -> tuple:
    """(stage, phase, done_from_ts, live_claim_ts) from a task's rows: `held_claims` are the
    (member, ts) of its unreleased claims, `submitters` the members with visible linked work."""
    if any(member in submitters for member, _ts in held_claims):
        phase = "submitted"  # a submitter's claim never expires (rules.task_status)
    elif held_claims:
        phase = "claimed"
    else:
        phase = "open"
    live = [ts for member, ts in held_claims if member not in submitters]
    live_claim_ts = max(live) if live else None
    stage = "done" if done_from_ts is not None else phase
    return stage, phase, done_from_ts, live_claim_ts


def refresh_task_state(task_id: str | None) -> None:
    """Recompute one task's stored state from its claims and contributions, and move its
    commons' stage counts by the difference."""
    if not task_id:
        return
    row = sql.fetch_one(TASK_SQL, [task_id])
    if row is None:  # a contribution may name a task this node has cut at a fork
        return
    net, commons_id, *old = row
    done_from_ts = sql.fetch_one(DONE_FROM_SQL, [task_id])[0]
    submitters = {member for (member,) in sql.fetch_all(SUBMITTERS_SQL, [task_id, False])}
    held_claims = sql.fetch_all(HELD_CLAIMS_SQL, [task_id, False])
    new = task_stage(done_from_ts=done_from_ts, submitters=submitters, held_claims=held_claims)
    if tuple(old) == new:
        return
    sql.execute(UPDATE_TASK_SQL, [*new, task_id])
    if old[0] != new[0]:
        move_count(net, commons_id, old[0], -1)
        move_count(net, commons_id, new[0], 1)


def move_count(net: str, commons_id: str, stage: str, change: int) -> None:
    """Add to one stage count; a count that falls to nothing is removed, so the rows present
    depend only on the set of entries."""
    count_id = f"{commons_id} {stage}"
    row = sql.fetch_one(COUNT_SQL, [count_id])
    if row is None:
        sql.execute(INSERT_COUNT_SQL, [count_id, net, commons_id, stage, change])
    elif row[0] + change == 0:
        sql.execute(DELETE_COUNT_SQL, [count_id])
    else:
        sql.execute(UPDATE_COUNT_SQL, [row[0] + change, count_id])
