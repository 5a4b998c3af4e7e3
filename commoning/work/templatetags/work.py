"""Template helpers of peer-production pages: dictionary look-up, who holds a task, durations,
dates, the board, and the panel the commons page shows."""

import datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def holder_names(view, names) -> str:
    """Everyone holding a task, in plain words: "Bob", "Bob and Mallory", "Bob, Carol and Dan"."""
    shown = [(names or {}).get(member_id) or "?" for member_id in view.holder_ids]
    if len(shown) < 2:
        return "".join(shown)
    return _("%(names)s and %(last)s") % {"names": ", ".join(shown[:-1]), "last": shown[-1]}


@register.filter
def minutes(value) -> str:
    hours, rest = divmod(int(value or 0), 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


@register.filter
def ms_date(value) -> str:
    return datetime.datetime.fromtimestamp(int(value) / 1000, tz=datetime.UTC).strftime("%Y-%m-%d")


@register.inclusion_tag("work/_board.html")
def board_columns(board, names):
    columns = [
        ("open", _("Open")),
        ("stale", _("Stale claims (free to pick)")),
        ("claimed", _("Claimed")),
        ("submitted", _("Submitted")),
        ("done", _("Done")),
    ]
    return {"board": board, "names": names, "columns": columns}


@register.inclusion_tag("work/_commons_panel.html")
def work_panel(commons):
    """The peer-production summary a commons page shows, with a link to the board."""
    from commoning.commons.access import get_commons
    from commoning.work import access

    # Only the totals: the panel lists no tasks (events.task_state keeps the counts).
    totals = access.task_totals(commons.id)
    origin = access.fork_of(commons.id)
    origin_commons = get_commons(commons.net, origin.origin_id) if origin else None
    return {
        "commons": commons,
        "rules": access.rules_for(commons.id),
        "open_count": totals["open"] + totals["stale"],
        "validated": access.validated_count_in(commons.id),
        "origin": origin,
        "origin_name": origin_commons.name if origin_commons else "",
    }
