"""Email of notifications, when the node has email configured (COMMONING_EMAIL_HOST): each
notice as it comes, or one digest a day, as each member chose. Run by a job in one process
per node (`commoning serve`, worker 0), or once by `send_due()`.

What was sent is remembered per member (`emailed_through_ts`), so a run that stops half way
sends the rest next time and never sends one notice twice... except the one being sent when
the process died, which is the price of not holding a transaction open across SMTP.
"""

import threading
import time

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commoning.accounts.models import Member
from commoning.log import clock
from commoning.notify import access
from commoning.notify.models import Preference
from commoning.work.rules import DAY_MS

EACH_MAX_PER_RUN = 20  # per member: a burst beyond it waits for the next run
DIGEST_MAX = 50
EVERY_SECONDS = 300


def enabled() -> bool:
    return bool(getattr(settings, "COMMONING_EMAIL_ENABLED", False))


def _absolute(link: str) -> str:
    base = settings.COMMONING_PUBLIC_URL.rstrip("/")
    return base + link if base else link


def _due(preference: Preference, net: str) -> list:
    notices = access.unread(net, preference.member_id, limit=DIGEST_MAX)
    return [n for n in reversed(notices) if n.ts > preference.emailed_through_ts]


def send_due(now: int | None = None) -> int:
    """Send what is due to every member who asked for email; return how many emails went."""
    if not enabled():
        return 0
    now = now if now is not None else clock.now_ms()
    sent = 0
    wanting = Preference.objects.exclude(email_mode=Preference.EMAIL_OFF).exclude(email="")
    for preference in wanting.iterator():
        net = Member.objects.filter(id=preference.member_id).values_list("net", flat=True).first()
        if net is None:
            continue
        if preference.email_mode == Preference.EMAIL_EACH:
            for notice in _due(preference, net)[:EACH_MAX_PER_RUN]:
                send_mail(notice.text[:120], f"{notice.text}\n\n{_absolute(notice.link)}\n",
                          None, [preference.email])
                Preference.objects.filter(member_id=preference.member_id).update(
                    emailed_through_ts=notice.ts)
                sent += 1
        elif now - preference.digest_sent_ts >= DAY_MS:
            due = _due(preference, net)
            if due:
                lines = [f"- {n.text}\n  {_absolute(n.link)}" for n in due]
                subject = ngettext("%(count)d new notification", "%(count)d new notifications",
                                   len(due)) % {"count": len(due)}
                send_mail(subject, _("Since your last digest:") + "\n\n" + "\n".join(lines)
                          + "\n", None, [preference.email])
                sent += 1
            Preference.objects.filter(member_id=preference.member_id).update(
                digest_sent_ts=now,
                emailed_through_ts=max([preference.emailed_through_ts, *(n.ts for n in due)]),
            )
    return sent


def start_mail_job(every_seconds: float = EVERY_SECONDS) -> threading.Thread:
    """A background thread that sends due email every few minutes (one per node)."""
    from django.db import close_old_connections

    def loop():
        while True:
            time.sleep(every_seconds)
            try:
                send_due()
            except Exception as error:  # the job must outlive a bad SMTP answer
                print(f"notification email failed: {error}", flush=True)
            finally:
                close_old_connections()

    thread = threading.Thread(target=loop, name="notify-mail", daemon=True)
    thread.start()
    return thread
