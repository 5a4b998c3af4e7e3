"""Template filters: the one date-and-time format of every page, entry timestamps (integer
milliseconds since the epoch), what an entry did in plain words, and member names with their
handles."""

from datetime import UTC, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from commoning.front import entry_words

register = template.Library()


@register.filter
def from_ms(value):
    """An entry's `ts` (ms since the epoch) as an aware datetime, for the `date` filter."""
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


@register.filter
def when(value):
    """Every date and time a page shows, in one format: `{{ entry.ts|when }}` for an entry's
    milliseconds, `{{ token.created_at|when }}` for a datetime. A `<time>` element in the
    locale's DATETIME_FORMAT (Django's formats), with the exact instant for machines."""
    moment = value if isinstance(value, datetime) else from_ms(value)
    if moment is None:
        return "—"
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    shown = date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return format_html('<time datetime="{}">{}</time>', moment.isoformat(), shown)


@register.filter
def entry_label(entry_type) -> str:
    """What an entry did, for members ("judged a contribution"); the type code itself is for
    the public log pages only."""
    return entry_words.entry_label(entry_type)


@register.filter
def handle(member_id):
    """A member's short handle (names.member_handle), shown beside the name to tell apart
    members whose names look alike: `{{ member.id|handle }}`."""
    from commoning.accounts.names import member_handle

    return member_handle(member_id)


@register.simple_tag
def member_link(member_id, name):
    """A member's name linking to their page, with the handle beside it: wherever people are
    judged or paid, a look-alike name alone must not pass for someone else."""
    from django.urls import reverse
    from django.utils.html import format_html

    from commoning.accounts.names import member_handle

    if not member_id:
        return ""
    return format_html(
        '<a href="{}">{}</a> <small class="handle" title="{}">{}</small>',
        reverse("member", args=[member_id]),
        name or "",
        member_id,
        member_handle(member_id),
    )
