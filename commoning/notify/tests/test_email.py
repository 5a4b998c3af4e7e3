"""Email of notifications: off unless the node has email; then each notice as it comes, or a
daily digest, as the member chose; never the notices from before they chose, never twice."""

from django.core import mail

from commoning.log import clock
from commoning.notify import actions, mailer
from commoning.notify.tests.kit import member_id
from commoning.talk import actions as talk
from commoning.talk.tests.kit import one_of_each
from commoning.work.rules import DAY_MS
from commoning.work.tests.artifact_kit import web_client


def test_a_node_without_email_sends_none_and_offers_no_choice(alice, bob, carol, settings):
    settings.COMMONING_EMAIL_ENABLED = False
    subjects = one_of_each(alice, bob)
    actions.set_email(member_id(bob), email="bob@example.org", mode="each")
    talk.post_comment(carol, subjects.contribution.id, body="Hi")
    assert mailer.send_due() == 0 and mail.outbox == []
    page = web_client(bob).get("/notifications/").content.decode()
    assert "does not send email" in page


def test_each_notice_is_emailed_once_and_older_ones_never(alice, bob, carol, settings):
    settings.COMMONING_EMAIL_ENABLED = True
    subjects = one_of_each(alice, bob)
    talk.post_comment(carol, subjects.contribution.id, body="Before the choice")
    response = web_client(bob).post("/notifications/preferences/",
                                    {"email_mode": "each", "email": "bob@example.org"})
    assert response.status_code == 302
    talk.post_comment(carol, subjects.task.id, body="Look @Bob")
    assert mailer.send_due() == 1
    assert mail.outbox[0].to == ["bob@example.org"]
    assert mail.outbox[0].subject == "Carol mentioned you in a comment on a task."
    assert mailer.send_due() == 0  # not twice
    assert len(mail.outbox) == 1


def test_the_daily_digest_gathers_a_days_notices_in_one_email(alice, bob, carol, dave, settings,
                                                              monkeypatch):
    settings.COMMONING_EMAIL_ENABLED = True
    subjects = one_of_each(alice, bob)
    actions.set_email(member_id(bob), email="bob@example.org", mode="daily")
    talk.post_comment(carol, subjects.contribution.id, body="One")
    talk.post_comment(dave, subjects.contribution.id, body="Two")
    assert mailer.send_due() == 0  # the day is not over
    later = clock.now_ms() + DAY_MS + 1
    monkeypatch.setattr(clock, "now_ms", lambda: later)
    assert mailer.send_due() == 1
    assert mail.outbox[0].subject == "2 new notifications"
    assert "Carol commented on your contribution." in mail.outbox[0].body
    assert "Dave commented on your contribution." in mail.outbox[0].body
    assert mailer.send_due() == 0


def test_a_choice_of_email_without_an_address_is_refused_beside_the_field(bob, settings):
    settings.COMMONING_EMAIL_ENABLED = True
    response = web_client(bob).post("/notifications/preferences/", {"email_mode": "each"})
    assert response.status_code == 400
    assert "Give the address to send to." in response.content.decode()
