"""The only writes of notifications: read marks and preferences. Node-local state, so no
entries: nothing here is shared with other nodes."""

from django.db import IntegrityError, transaction

from commoning.log import clock
from commoning.notify import sources
from commoning.notify.models import NoticeRead, Preference


def mark_read(member_id: str, key: str) -> None:
    key = key[: sources.KEY_MAX]
    try:
        with transaction.atomic():
            NoticeRead.objects.get_or_create(member_id=member_id, key=key)
    except IntegrityError:
        pass  # marked by a second tab at the same moment: read all the same


def mark_all_read(net: str, member_id: str) -> None:
    """Everything dated up to now counts as read; the per-notice marks it covers are dropped."""
    newest = sources.notices_for(net, member_id, limit=1)
    through = max([clock.now_ms(), *(notice.ts for notice in newest)])
    with transaction.atomic():
        Preference.objects.update_or_create(member_id=member_id,
                                            defaults={"read_through_ts": through})
        NoticeRead.objects.filter(member_id=member_id).delete()


def set_email(member_id: str, *, email: str, mode: str) -> Preference:
    """Choose how to be told by email. Turning email on starts from now: older notices are not
    sent in a flood."""
    if mode not in {Preference.EMAIL_OFF, Preference.EMAIL_EACH, Preference.EMAIL_DAILY}:
        raise ValueError(mode)
    with transaction.atomic():
        preference, _created = Preference.objects.select_for_update().get_or_create(
            member_id=member_id
        )
        if preference.email_mode == Preference.EMAIL_OFF and mode != Preference.EMAIL_OFF:
            now = clock.now_ms()
            preference.emailed_through_ts = now
            preference.digest_sent_ts = now
        preference.email, preference.email_mode = email, mode
        preference.save()
    return preference
