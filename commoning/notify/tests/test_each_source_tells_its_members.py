"""Each notification source tells the member concerned, and nobody else: work judged by someone
else, a claim about to end (worked out at read time from the commons' claim window), a
mention, a reply, a comment on one's own work. One notice per comment, with its strongest
reason."""

from commoning.log import clock
from commoning.notify.tests.kit import notices, texts
from commoning.talk import actions as talk
from commoning.talk.tests.kit import one_of_each
from commoning.work import actions as work
from commoning.work.models import Claim
from commoning.work.rules import DAY_MS


def test_a_member_is_told_when_someone_judges_their_contribution(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    work.validate(carol, subjects.contribution.id, verdict="approve")
    work.validate(alice, subjects.contribution.id, verdict="object", reason="No tests")
    assert texts(bob) == ["Alice objected to your contribution.",
                          "Carol approved your contribution."]
    assert notices(bob)[0].link == f"/work/contributions/{subjects.contribution.id}/"
    assert texts(carol) == [] and texts(alice) == []


def test_a_claim_is_told_a_day_before_it_ends_and_after(alice, bob, monkeypatch):
    subjects = one_of_each(alice, bob)
    work.claim_task(bob, subjects.task.id)
    claim = Claim.objects.get(task_id=subjects.task.id)
    ends = claim.ts + 14 * DAY_MS  # FAST_RULES' claim window
    monkeypatch.setattr(clock, "now_ms", lambda: ends - DAY_MS - 1)
    assert texts(bob) == []
    monkeypatch.setattr(clock, "now_ms", lambda: ends - 3 * 3_600_000)
    assert texts(bob) == ["Your claim on “Calibrate the probe” ends in 3 hours: submit your "
                          "work or claim it again."]
    monkeypatch.setattr(clock, "now_ms", lambda: ends - 3_600_000)
    assert "ends in 1 hour:" in texts(bob)[0]
    monkeypatch.setattr(clock, "now_ms", lambda: ends + 1)
    assert "has ended" in texts(bob)[0]
    assert notices(bob)[0].ts == ends - DAY_MS
    assert texts(alice) == []


def test_work_submitted_for_a_claimed_task_ends_the_reminder(alice, bob, monkeypatch):
    subjects = one_of_each(alice, bob)
    work.claim_task(bob, subjects.task.id)
    work.record_contribution(bob, subjects.commons.id, kind="code", effort_minutes=30,
                             description="Done", task=subjects.task.id)
    claim = Claim.objects.get(task_id=subjects.task.id)
    monkeypatch.setattr(clock, "now_ms", lambda: claim.ts + 14 * DAY_MS - 3_600_000)
    assert not [text for text in texts(bob) if "claim" in text]


def test_mentions_replies_and_comments_on_ones_work_are_told_once_each(alice, bob, carol):
    subjects = one_of_each(alice, bob)
    on_work = talk.post_comment(carol, subjects.contribution.id, body="Nice driver")
    mention = talk.post_comment(carol, subjects.task.id, body="@Bob could you look?")
    bobs = talk.post_comment(bob, subjects.task.id, body="Sure")
    talk.post_comment(alice, subjects.task.id, body="Thanks @bob", parent_id=bobs.id)
    assert texts(bob) == [
        "Alice mentioned you in a comment on a task.",  # also a reply: told once, as a mention
        "Carol mentioned you in a comment on a task.",
        "Carol commented on your contribution.",
    ]
    talk.post_comment(carol, subjects.task.id, body="Me too", parent_id=bobs.id)
    assert texts(bob)[0] == "Carol replied to your comment on a task."
    assert notices(bob)[-1].link.endswith(f"#comment-{on_work.id}")
    assert notices(bob)[-2].key == f"talk:{mention.id}"
    assert texts(carol) == []  # nobody is told of their own comments


def test_the_merged_list_pages_by_time_and_key_without_gaps(alice, bob, carol, dave):
    subjects = one_of_each(alice, bob)
    for n in range(4):
        talk.post_comment(carol, subjects.contribution.id, body=f"Note {n}")
    work.validate(carol, subjects.contribution.id, verdict="approve")
    work.validate(dave, subjects.contribution.id, verdict="approve")
    everything = notices(bob, limit=50)
    assert len(everything) == 6
    paged, before = [], None
    while True:
        page = notices(bob, limit=2, before=before)
        if not page:
            break
        paged.extend(page)
        before = page[-1].place
    assert [n.key for n in paged] == [n.key for n in everything]
