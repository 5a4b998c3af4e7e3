"""The credit tallies (`CreditTally`), kept by the apply functions so pages never recount history.

Whether a contribution counts is time-dependent: it is validated once the objection window
that opened when it reached the threshold has closed. A projection never reads the clock, so
it keeps what is fixed by the set of entries: for each contribution that reached the threshold
with no standing objection and is not hidden, the moment its window closes
(`credit_closes_ts`), and per member and commons the count and effort of all such
contributions. A read at time `now` subtracts those whose window is still open (an indexed
range: only recent work), which gives exactly what a recount of every row would.

Forks carry their origin's work up to the fork: a fork's tallies include the carried
contributions. When the fork arrives, its tallies start from one grouped sum of what its
origins hold by then; afterwards every change to a carried contribution moves the tallies of
each fork that carries it too. Reads of a fork never walk the origin's history.

The reputation tallies (`ReputationTally`) follow the same rule per member, commons, kind and
month, and also count the member's visible contributions, so "pending" needs no scan either.
"""

from commoning.log import sql
from commoning.log.registry import batch_memo
from commoning.work import rules as work_rules
from commoning.work.events import task_state

CONTRIBUTION_SQL = """
SELECT net, commons_id, member_id, ts, effort_minutes, approvals, standing_objections, hidden,
  approval_times, rules_id, credit_closes_ts, credited_effort, kind, credited_kind, task_id
FROM work_contribution WHERE id = %s
"""
UPDATE_CREDIT_SQL = """
UPDATE work_contribution SET credit_closes_ts = %s, credited_effort = %s, credited_kind = %s
WHERE id = %s
"""
REPUTATION_SQL = "SELECT recorded, count, effort_minutes FROM work_reputationtally WHERE id = %s"
INSERT_REPUTATION_SQL = """
INSERT INTO work_reputationtally (id, net, member_id, commons_id, kind, month, recorded, count,
  effort_minutes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
"""
UPDATE_REPUTATION_SQL = """
UPDATE work_reputationtally SET recorded = %s, count = %s, effort_minutes = %s WHERE id = %s
"""
TALLY_SQL = "SELECT count, effort_minutes, carried FROM work_credittally WHERE id = %s"
INSERT_TALLY_SQL = """
INSERT INTO work_credittally (id, net, commons_id, member_id, count, effort_minutes, carried)
VALUES (%s, %s, %s, %s, %s, %s, %s)
"""
UPDATE_TALLY_SQL = (
    "UPDATE work_credittally SET count = %s, effort_minutes = %s, carried = %s WHERE id = %s"
)
FORKS_OF_SQL = "SELECT fork_id, ts FROM work_forklink WHERE origin_id = %s"
RULES_IN_FORCE_SQL = "SELECT rules_id FROM work_commonsrules WHERE commons_id = %s"
INHERITED_RULES_SQL = "SELECT origin_rules_id FROM work_forklink WHERE fork_id = %s"


VERSION_SQL = """
SELECT mode, min_approvals, objection_window_days, claim_days, maintainer_contributions,
  maintainer_approvals, inactivity_days, kinds
FROM work_rulesversion WHERE id = %s
"""


def rules_version(rules_id: str) -> work_rules.Rules | None:
    """A published version, by plain SQL (this runs on every judgement), looked up once per
    batch: a version never changes. None if it is not here."""
    memo = batch_memo()
    if memo is not None and ("rules-version", rules_id) in memo:
        return memo[("rules-version", rules_id)]
    row = sql.fetch_one(VERSION_SQL, [rules_id])
    if row is None:
        return None
    mode, min_approvals, window, claim, contributions, approvals, inactivity, kinds = row
    rules = work_rules.Rules(
        mode=mode, min_approvals=min_approvals, objection_window_days=window, claim_days=claim,
        maintainer_contributions=contributions, maintainer_approvals=approvals,
        inactivity_days=inactivity, kinds=tuple(kinds.split(",")), rules_id=rules_id,
    )
    if memo is not None:
        memo[("rules-version", rules_id)] = rules
    return rules


def rules_in_force(commons_id: str) -> work_rules.Rules:
    """The commons' latest published version, a fork's inherited one, or the defaults (the
    same answer as verdicts.rules_for, read the way apply functions read)."""
    row = sql.fetch_one(RULES_IN_FORCE_SQL, [commons_id])
    if row is None:
        row = sql.fetch_one(INHERITED_RULES_SQL, [commons_id])
    rules = rules_version(row[0]) if row and row[0] else None
    return rules or work_rules.Rules()


def judging_rules(commons_id: str, rules_id: str) -> work_rules.Rules:
    """The rules a contribution named when recorded (as verdicts.rules_by_id)."""
    if not rules_id:
        return rules_in_force(commons_id)
    if rules_id == commons_id:
        return work_rules.Rules()
    return rules_version(rules_id) or rules_in_force(commons_id)


def window_closes(rules: work_rules.Rules, approvals, objections, hidden, times) -> int | None:
    """When the contribution becomes validated if nothing changes, or None if it would not."""
    if hidden or objections or approvals < rules.min_approvals:
        return None
    anchor = work_rules.window_anchor(rules, work_rules.parse_times(times))
    return None if anchor is None else anchor + rules.window_ms


def refresh_credit(contribution_id: str) -> None:
    """Recompute a contribution's credit columns from its counters, and move the tallies of
    its commons (and of every fork carrying it) by the difference."""
    row = sql.fetch_one(CONTRIBUTION_SQL, [contribution_id])
    if row is None:
        return
    (net, commons_id, member_id, ts, effort, approvals, objections, hidden, times, rules_id,
     old_closes, old_effort, kind, old_kind, task_id) = row
    # Every rule asks for at least one approval: without any, no rules need be looked up.
    closes = None if approvals < 1 else window_closes(
        judging_rules(commons_id, rules_id), approvals, objections, bool(hidden), times
    )
    new_effort = effort if closes is not None else 0
    new_kind = "" if hidden else kind
    if closes == old_closes and new_effort == old_effort and new_kind == old_kind:
        return
    sql.execute(UPDATE_CREDIT_SQL, [closes, new_effort, new_kind, contribution_id])
    # Its task's board state follows: done from the window's close, a submitter while visible
    # (hiding always changes `credited_kind`, so it always reaches here).
    task_state.refresh_task_state(task_id)
    # The reputation tallies: out of the old (kind) row, into the new one.
    month = work_rules.month_of(ts)
    if old_kind:
        move_reputation(net, member_id, commons_id, old_kind, month,
                        -1, -(old_closes is not None), -old_effort)
    if new_kind:
        move_reputation(net, member_id, commons_id, new_kind, month,
                        1, int(closes is not None), new_effort)
    count_change = (closes is not None) - (old_closes is not None)
    effort_change = new_effort - old_effort
    if not count_change and not effort_change:
        return
    move_tally(net, commons_id, member_id, count_change, effort_change, carried=False)
    for fork_id in forks_carrying(commons_id, ts):
        move_tally(net, fork_id, member_id, count_change, effort_change, carried=True)


def move_tally(net, commons_id, member_id, count_change, effort_change, *, carried) -> None:
    """Add to one tally; a tally that falls to nothing is removed, so the rows present depend
    only on the set of entries."""
    tally_id = f"{commons_id} {member_id}"
    row = sql.fetch_one(TALLY_SQL, [tally_id])
    carried_change = count_change if carried else 0
    if row is None:
        sql.execute(
            INSERT_TALLY_SQL,
            [tally_id, net, commons_id, member_id, count_change, effort_change, carried_change],
        )
        return
    count, effort, carried_count = (
        row[0] + count_change, row[1] + effort_change, row[2] + carried_change
    )
    if count == 0:
        sql.execute("DELETE FROM work_credittally WHERE id = %s", [tally_id])
    else:
        sql.execute(UPDATE_TALLY_SQL, [count, effort, carried_count, tally_id])


def move_reputation(net, member_id, commons_id, kind, month, recorded, count, effort) -> None:
    """Add to one reputation tally; one that falls to nothing is removed."""
    tally_id = f"{member_id} {commons_id} {kind} {month}"
    row = sql.fetch_one(REPUTATION_SQL, [tally_id])
    if row is None:
        sql.execute(INSERT_REPUTATION_SQL, [tally_id, net, member_id, commons_id, kind, month,
                                            recorded, count, effort])
        return
    recorded, count, effort = row[0] + recorded, row[1] + count, row[2] + effort
    if recorded == 0:
        sql.execute("DELETE FROM work_reputationtally WHERE id = %s", [tally_id])
    else:
        sql.execute(UPDATE_REPUTATION_SQL, [recorded, count, effort, tally_id])


def forks_carrying(commons_id: str, ts: int) -> list[str]:
    """Every fork (and fork of a fork) that carries a contribution of `commons_id` made at
    `ts`: each fork on the way was made at or after it (access.lineage_filter's rule)."""
    found, stack, seen = [], [commons_id], {commons_id}
    while stack:
        for fork_id, fork_ts in sql.fetch_all(FORKS_OF_SQL, [stack.pop()]):
            if fork_ts >= ts and fork_id not in seen:
                seen.add(fork_id)
                found.append(fork_id)
                stack.append(fork_id)
    return found


def carry_into_fork(net: str, fork_id: str) -> None:
    """A new fork's tallies: what its origins' counted contributions give up to the fork, by
    one grouped sum per origin (once, when the fork arrives)."""
    from commoning.work.events.artifacts import lineage  # artifacts imports this module

    for origin_id, until in lineage(fork_id)[1:]:
        rows = sql.fetch_all(
            "SELECT member_id, COUNT(*), SUM(credited_effort) FROM work_contribution"
            " WHERE commons_id = %s AND ts <= %s AND credit_closes_ts IS NOT NULL"
            " GROUP BY member_id",
            [origin_id, until],
        )
        for member_id, count, effort in rows:
            move_tally(net, fork_id, member_id, count, effort, carried=True)


def rejudge_unnamed(commons_id: str) -> None:
    """After the rules in force change: contributions that named no rules follow them."""
    for (contribution_id,) in sql.fetch_all(
        "SELECT id FROM work_contribution WHERE commons_id = %s AND rules_id = ''", [commons_id]
    ):
        refresh_credit(contribution_id)
