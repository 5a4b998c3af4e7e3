"""The comment page behind every thread's form. Thin: the action writes, access reads.

A comment posted with JavaScript off comes back to the page it was written on (post, redirect,
get), at the comment. A refused one is shown again on a small page of its own, the text kept
and the reason beside the field, with a 4xx.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commoning.accounts.access import NotAMember
from commoning.accounts.actions import default_network
from commoning.core.fields import FieldError
from commoning.front.forms import add_action_error
from commoning.log.registry import Rejected
from commoning.talk import access, actions, subjects
from commoning.talk.forms import CommentForm


@login_required
@require_POST
def comment_post(request, subject_id: str):
    net = default_network() or ""
    subject = subjects.find_any(net, subject_id)
    if subject is None:
        raise Http404(_("There is nothing here to comment on."))
    form = CommentForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            comment = actions.post_comment(request.user, subject.id, body=form.cleaned_data["body"],
                                           parent_id=form.cleaned_data["parent"] or None)
        except (FieldError, Rejected, NotAMember) as error:
            add_action_error(form, error)
            status = getattr(error, "status", 400)
        else:
            return redirect(f"{subject.url}#comment-{comment.id}")
    parent_id = form.data.get("parent", "")
    parent = access.get_comment(net, parent_id) if isinstance(parent_id, str) else None
    if parent is not None:
        access.decorate([parent])
    return render(request, "talk/refused.html",
                  {"form": form, "subject": subject, "parent": parent}, status=status)
