"""The only reads of notifications: a member's notices with their read marks, and the unread
count the menu shows. Each costs its sources' few short queries and one for the marks."""

from commoning.notify import sources
from commoning.notify.models import NoticeRead, Preference

COUNT_LOOKED_AT = 100  # the menu says "99+" beyond this many unread


def preference_of(member_id: str) -> Preference:
    return Preference.objects.filter(member_id=member_id).first() or Preference(member_id=member_id)


def with_read_marks(member_id: str, notices: list, preference: Preference | None = None) -> list:
    """[(notice, read)] for the notices given."""
    preference = preference or preference_of(member_id)
    opened = set(
        NoticeRead.objects.filter(member_id=member_id, key__in=[n.key for n in notices])
        .values_list("key", flat=True)
    )
    return [(n, n.ts <= preference.read_through_ts or n.key in opened) for n in notices]


def page_of(net: str, member_id: str, *, before=None, limit: int = 25) -> tuple[list, tuple | None]:
    """([(notice, read)], the place of the next page or None)."""
    notices = sources.notices_for(net, member_id, before=before, limit=limit + 1)
    older = notices[limit - 1].place if len(notices) > limit else None
    return with_read_marks(member_id, notices[:limit]), older


def unread(net: str, member_id: str, limit: int = COUNT_LOOKED_AT) -> list:
    """The unread notices among the newest `limit`, newest first."""
    preference = preference_of(member_id)
    notices = sources.notices_for(net, member_id, limit=limit)
    notices = [n for n in notices if n.ts > preference.read_through_ts]
    return [n for n, read in with_read_marks(member_id, notices, preference) if not read]
