"""`{% unread_notices %}`: the logged-in member's unread notifications, for the home page."""

from django import template

from commoning.notify import access

register = template.Library()
HOME_SHOWN = 5


@register.inclusion_tag("notify/_home.html", takes_context=True)
def unread_notices(context):
    member = context.get("current_member")
    if member is None:
        return {"notices": None}
    unread = access.unread(member.net, member.id)
    return {"notices": [(notice, False) for notice in unread[:HOME_SHOWN]],
            "more": len(unread) > HOME_SHOWN}
