"""`{% thread subject_id %}`: the discussion thread of any subject, with its forms.

One line in a page's template adds it; the page's own view does nothing for it. It reads the
thread page given by ?comments= (a keyset cursor), so a page with a thread costs that thread's
few queries and no more.
"""

from django import template

from commoning.accounts.actions import default_network
from commoning.front.pagination import BadCursor
from commoning.talk import access
from commoning.talk.forms import CommentForm

register = template.Library()


@register.inclusion_tag("talk/_thread.html", takes_context=True)
def thread(context, subject_id: str):
    request = context.get("request")
    cursor = request.GET.get("comments", "") if request is not None else ""
    net = default_network() or ""
    try:
        page = access.thread_page(net, subject_id, cursor[:500])
    except BadCursor:
        page = access.thread_page(net, subject_id)  # a broken link shows the newest comments
    user = context.get("user")
    return {
        "subject_id": subject_id,
        "page": page,
        "form": CommentForm(),
        "may_comment": bool(user and user.is_authenticated and context.get("current_member")),
        "current_member_id": getattr(context.get("current_member"), "id", None),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
