"""Template filters: entry timestamps (integer milliseconds since the epoch), and member names
with their handles."""

from datetime import UTC, datetime

from django import template

register = template.Library()


@register.filter
def from_ms(value):
    """An entry's `ts` (ms since the epoch) as an aware datetime, for the `date` filter."""
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


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
