"""Template filters for log data: entry timestamps are integer milliseconds since the epoch."""

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
