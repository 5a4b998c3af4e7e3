"""Peer production in the words members read: the rule engine's states and modes ("in-window",
"rules-led", "stale") are codes for programs; pages and forms show these instead.

One place for them, so a page, a form and a template filter never word one state two ways.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

VERDICT_WORDS = {
    "validated": _("validated"),
    "pending": _("waiting for approvals"),
    "in-window": _("waiting for objections"),
    "objected": _("objected to"),
    "hidden": _("hidden as spam"),
}
TASK_WORDS = {
    "open": _("open"),
    "stale": _("claim expired: free to pick"),
    "claimed": _("claimed"),
    "submitted": _("work submitted"),
    "done": _("done"),
}
MODE_WORDS = {
    "founder-led": _("the founder appoints maintainers"),
    "rules-led": _("maintainers earn the role by the published rule"),
}
GRANT_WORDS = {"earned": _("earned by the rule"), "appointed": _("appointed by the founder")}
ROLE_CHANGE_WORDS = {
    ("grant", "earned"): _("earned the maintainer role"),
    ("grant", "appointed"): _("appointed maintainer by the founder"),
    ("revoke", "recall"): _("recalled as maintainer"),
    ("revoke", "inactivity"): _("no longer maintainer: inactive"),
}


def verdict_words(verdict) -> str:
    """Where a contribution stands: "waiting for objections, 3 days left", not "in-window"."""
    state = getattr(verdict, "state", verdict)
    days_left = getattr(verdict, "days_left", None)
    if state == "in-window" and days_left:
        return ngettext(
            "waiting for objections, %(days)d day left",
            "waiting for objections, %(days)d days left",
            days_left,
        ) % {"days": days_left}
    return str(VERDICT_WORDS.get(state, state))


def role_change_words(change: str, rule: str) -> str:
    return str(ROLE_CHANGE_WORDS.get((change, rule), f"{change} {rule}".strip()))
