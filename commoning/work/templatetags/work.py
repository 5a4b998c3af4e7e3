"""Template helpers of peer-production pages: dictionary look-up, who holds a task, durations,
states and rules in plain words, the board, and the panel the commons page shows."""

from django import template
from django.utils.translation import gettext as _

from commoning.front.templatetags.commoning_tags import when
from commoning.work import words

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
def ms_date(value):
    """The one date-and-time format of every page (commoning_tags.when), under its older name."""
    return when(value)


@register.filter
def verdict_words(verdict) -> str:
    """Where a contribution stands, for members (words.verdict_words)."""
    return words.verdict_words(verdict)


@register.filter
def task_words(status) -> str:
    """A task's place on the board, for members."""
    return str(words.TASK_WORDS.get(status, status))


@register.filter
def rules_words(mode) -> str:
    """Who decides in a commons, instead of "founder-led" / "rules-led"."""
    return str(words.MODE_WORDS.get(mode, mode))


@register.filter
def role_change_words(change) -> str:
    """One row of a commons' role history (its `change` and `rule`) in plain words."""
    return words.role_change_words(getattr(change, "change", ""), getattr(change, "rule", ""))


@register.filter
def grant_words(rule) -> str:
    """How a maintainer got the role."""
    return str(words.GRANT_WORDS.get(rule, rule))


@register.inclusion_tag("work/_board.html")
def board_columns(board, names):
    columns = [
        ("open", _("Open")),
        ("stale", _("Claim expired (free to pick)")),
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
