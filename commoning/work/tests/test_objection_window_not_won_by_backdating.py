"""The objection window runs from the approval that brought the current version to the
threshold, an anchor written by other members: a contribution dated 1970, or just after the
commons was made, still waits its full window (finding 4)."""

from commoning.log import clock
from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.work import access, actions
from commoning.work import rules as work_rules
from commoning.work.tests.helpers import rules_led_commons

WEEK_MS = 7 * work_rules.DAY_MS


def test_work_dated_just_after_its_commons_still_waits_the_full_window(
    alice, bob, carol, dave, monkeypatch
):
    commons = rules_led_commons(alice, objection_window_days=7)
    rules_id = access.rules_for(commons.id).rules_id
    # Bob's feed cannot go back before his own last entry, so that is as early as he can date.
    bob_last_ts = Entry.objects.filter(author=HostileNode.of(bob).public_hex).order_by(
        "-seq").values_list("ts", flat=True).first()
    written = HostileNode.of(bob).write(
        "work.contribution",
        {"commons": commons.id, "kind": "code", "effort_minutes": 600, "rules": rules_id},
        deps=sorted([commons.id, rules_id]),
        ts=max(bob_last_ts, *Entry.objects.filter(id__in=[commons.id, rules_id])
               .values_list("ts", flat=True)),
    )
    assert written.applied, written.reason
    # Eight days later (the commons is old by now), two members approve.
    approved_at = clock.now_ms() + 8 * work_rules.DAY_MS
    monkeypatch.setattr(clock, "now_ms", lambda: approved_at)
    actions.validate(carol, written.id, verdict="approve")
    actions.validate(dave, written.id, verdict="approve")
    work = access.get_contribution(written.entry.net, written.id)
    assert access.verdict(work).state == "in-window"
    monkeypatch.setattr(clock, "now_ms", lambda: approved_at + WEEK_MS - 60_000)
    assert access.verdict(work).state == "in-window"
    monkeypatch.setattr(clock, "now_ms", lambda: approved_at + WEEK_MS + 60_000)
    assert access.verdict(work).state == "validated"


def test_work_dated_1970_still_waits_the_full_window(alice, carol, dave):
    commons = rules_led_commons(alice, objection_window_days=7)
    rules_id = access.rules_for(commons.id).rules_id
    # Backdating that far needs a feed that starts there: a fresh identity dated 1970. The log
    # refuses it, since it relies on its admission, written now...
    dated_1970 = HostileNode.newcomer(commons.net).identity("Mallory", ts=1)
    assert dated_1970.status == "rejected", dated_1970
    # ...so the earliest a new feed can start is its admission, and its work is dated as early
    # as the commons and the rules allow.
    mallory = HostileNode.newcomer(commons.net)
    identity = mallory.identity("Mallory", ts=mallory.admission.ts)
    assert identity.applied, identity.reason
    written = mallory.write(
        "work.contribution",
        {"commons": commons.id, "kind": "code", "effort_minutes": 600, "rules": rules_id},
        deps=sorted([commons.id, rules_id]),
        ts=identity.entry.ts + 1,
    )
    assert written.applied, written.reason
    actions.validate(carol, written.id, verdict="approve")
    actions.validate(dave, written.id, verdict="approve")
    work = access.get_contribution(commons.net, written.id)
    assert access.verdict(work).state == "in-window"
    assert access.reputation(work.member_id)["validated"] == 0


def test_the_window_opens_with_the_approval_that_reaches_the_threshold():
    rules = work_rules.Rules(min_approvals=2, objection_window_days=7)
    assert work_rules.window_anchor(rules, [5]) is None
    assert work_rules.window_anchor(rules, [5, 9, 12]) == 9
    facts = {"approvals": 2, "standing_objections": 0, "hidden": False}
    assert not work_rules.counts(rules=rules, approval_times=[0, 9], now_ms=9 + WEEK_MS - 1,
                                 **facts)
    assert work_rules.counts(rules=rules, approval_times=[0, 9], now_ms=9 + WEEK_MS, **facts)
