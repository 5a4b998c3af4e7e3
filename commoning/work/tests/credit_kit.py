"""A work log whose credit tallies have every case to get right: windows still open and
closed, objections, hides, amended effort, contributions that name no rules (re-judged when
the rules in force change), and forks (of forks) that carry their origin's work."""

from commoning.commons.actions import create_commons
from commoning.log import clock
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work.rules import DAY_MS
from commoning.work.tests.test_order_independence import build_realistic_log


def build_log_with_windows(alice, bob, carol, dave, eve) -> list[str]:
    """The ids of every commons in the log (origins and forks)."""
    first = build_realistic_log(alice, bob, carol, dave, eve)
    slow = create_commons(alice, name="Slow Valley", licence="CC-BY-4.0")  # defaults: 7 days
    in_window = actions.record_contribution(bob, slow.id, kind="code", effort_minutes=30,
                                            description="Wiring")
    actions.validate(carol, in_window.id, verdict="approve")
    actions.validate(dave, in_window.id, verdict="approve")
    objected = actions.record_contribution(carol, slow.id, kind="design", effort_minutes=40,
                                           description="Case")
    actions.validate(bob, objected.id, verdict="approve")
    actions.validate(dave, objected.id, verdict="approve")
    actions.validate(eve, objected.id, verdict="object", reason="Leaks")
    # Dated well in the past, with approvals dated then too: its window closed long ago.
    old_ts = clock.now_ms() - 30 * DAY_MS
    dave_node, bob_node = HostileNode.of(dave), HostileNode.of(bob)
    carol_node = HostileNode.of(carol)
    old = dave_node.write("work.contribution",  # names no rules: follows those in force
                          {"commons": slow.id, "kind": "writing", "effort_minutes": 15},
                          deps=[slow.id], ts=old_ts)
    bob_node.write("work.validation", {"contribution": old.id, "verdict": "approve"},
                   deps=[old.id], ts=old_ts + 1)
    carol_node.write("work.validation", {"contribution": old.id, "verdict": "approve"},
                     deps=[old.id], ts=old_ts + 2)
    actions.amend_contribution(bob, in_window.id, effort_minutes=35)
    actions.validate(carol, in_window.id, verdict="approve")
    actions.validate(dave, in_window.id, verdict="approve")
    fork = actions.fork_commons(eve, slow.id, name="Slow fork", reason="Go slower")
    fork_of_fork = actions.fork_commons(bob, fork.id, name="Slower fork", reason="Slower")
    # After the forks: the origin's new work is not carried.
    later = actions.record_contribution(dave, slow.id, kind="code", effort_minutes=5,
                                        description="After the fork")
    actions.validate(bob, later.id, verdict="approve")
    actions.validate(carol, later.id, verdict="approve")
    # Rules change: the contribution that named none is now judged by one approval more.
    actions.publish_rules(alice, slow.id, mode="founder-led", kinds=["code", "writing"],
                          min_approvals=3, objection_window_days=1, claim_days=7,
                          maintainer_contributions=3, maintainer_approvals=1,
                          inactivity_days=90)
    forks = [f.fork_id for f in access.forks_from(first.id)]
    return [first.id, *forks, slow.id, fork.id, fork_of_fork.id]


def moments() -> list[int]:
    """Now, after the 1-day and 7-day windows, and much later."""
    now = clock.now_ms()
    return [now, now + 2 * DAY_MS, now + 8 * DAY_MS, now + 400 * DAY_MS]
