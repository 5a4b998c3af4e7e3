"""A commons whose tasks stand in every board column at some moment (see `moments`): open,
claimed, stale once claims expire, submitted, done once the objection window closes (with and
without a claim), a released claim, hidden work and concurrent claims, partly written by a
hostile node. Time passes by reading later, not by backdated entries: a feed's entries are
never dated before the ones before them."""

from commoning.commons.actions import create_commons
from commoning.log import clock
from commoning.testing import HostileNode
from commoning.work import actions
from commoning.work.rules import DAY_MS


def build_board_log(alice, bob, carol, dave, eve) -> str:
    """The id of the commons (its rules: the defaults, a 14-day claim and 7-day window)."""
    commons = create_commons(alice, name="Board Valley", licence="CC-BY-4.0")

    def task(title):
        return actions.create_task(alice, commons.id, title=title, kind="code")

    task("Nobody took this")
    fresh = task("Claimed now")
    actions.claim_task(bob, fresh.id)
    released = task("Claimed, then let go")
    actions.claim_task(carol, released.id)
    actions.unclaim_task(carol, released.id)
    # Submitted work keeps its claim for good; a second claim on the task has no work.
    submitted = task("Work handed in")
    actions.claim_task(eve, submitted.id)
    HostileNode.of(carol).write("work.claim", {"task": submitted.id}, deps=[submitted.id])
    actions.record_contribution(eve, commons.id, kind="code", effort_minutes=20,
                                description="Half", task=submitted.id)
    # Approved now: done once the 7-day window closes (the claim is held until then).
    in_window = task("Approved this week")
    actions.claim_task(bob, in_window.id)
    work = actions.record_contribution(bob, commons.id, kind="code", effort_minutes=30,
                                       description="Soldered", task=in_window.id)
    actions.validate(carol, work.id, verdict="approve")
    actions.validate(dave, work.id, verdict="approve")
    # Work with no claim, written directly and approved: open until the window closes.
    unclaimed = HostileNode.of(alice).write(
        "work.task", {"commons": commons.id, "title": "Done without a claim", "kind": "code"},
        deps=[commons.id])
    direct = HostileNode.of(eve).write(
        "work.contribution", {"commons": commons.id, "kind": "code", "effort_minutes": 10,
                              "task": unclaimed.id}, deps=[commons.id, unclaimed.id])
    for judge in (bob, carol):
        HostileNode.of(judge).write("work.validation",
                                    {"contribution": direct.id, "verdict": "approve"},
                                    deps=[direct.id])
    # Hidden work is no submission: the claim stays an ordinary one, and expires.
    hidden = task("Spammed")
    actions.claim_task(dave, hidden.id)
    spam = actions.record_contribution(dave, commons.id, kind="code", effort_minutes=5,
                                       description="Buy now", task=hidden.id)
    actions.hide_contribution(alice, spam.id, reason="spam")
    return commons.id


def moments() -> list[int]:
    """Now; after the 7-day window; after a fresh 14-day claim expires; much later."""
    now = clock.now_ms()
    return [now, now + 8 * DAY_MS, now + 15 * DAY_MS, now + 400 * DAY_MS]
