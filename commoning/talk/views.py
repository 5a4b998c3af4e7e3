"""The comment page behind every thread's form. Thin: the action writes, access reads.

A comment posted with JavaScript off comes back to the page it was written on (post, redirect,
get), at the comment. A refused one is shown again on a small page of its own, the text kept
and the reason beside the field, with a 4xx.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from commoning.accounts.access import NotAMember
from commoning.accounts.actions import default_network
from commoning.core.fields import FieldError
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.prg import action_of, see_other
from commoning.log.registry import Rejected
from commoning.talk import access, actions, subjects
from commoning.talk.forms import CommentForm


def _subject_page(subject_id: str) -> str:
    """Where a comment's form belongs: its subject's page (a reload of the form's address goes
    there); an id naming nothing answers 404."""
    subject = subjects.find_any(default_network() or "", subject_id)
    if subject is None:
        raise Http404(_("There is nothing here to comment on."))
    return subject.url


def _comment_page(comment_id: str) -> str:
    comment, subject = _comment_and_subject_or_404(comment_id)
    return f"{subject.url}#comment-{comment.id}"


@login_required
@action_of(_subject_page)
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
            return see_other(f"{subject.url}#comment-{comment.id}")
    parent_id = form.data.get("parent", "")
    parent = access.get_comment(net, parent_id) if isinstance(parent_id, str) else None
    if parent is not None:
        access.decorate([parent])
    return render(request, "talk/refused.html",
                  {"form": form, "subject": subject, "parent": parent}, status=status)


def _own_comment_or_404(request, comment_id: str):
    return _comment_and_subject_or_404(comment_id)


def _comment_and_subject_or_404(comment_id: str):
    net = default_network() or ""
    comment = access.get_comment(net, comment_id)
    subject = subjects.find(net, comment.subject_kind, comment.subject_id) if comment else None
    if subject is None:
        raise Http404(_("No such comment."))
    return comment, subject


@login_required
def comment_edit(request, comment_id: str):
    """Edit one's own comment (a `talk.edit`), or withdraw it from the same page."""
    comment, subject = _own_comment_or_404(request, comment_id)
    if request.method != "POST" and comment.author_id != getattr(_member(request), "id", None):
        return error_page(request, _("Only its author may change or withdraw a comment."), 403)
    access.decorate([comment])
    form = CommentForm(request.POST or None, initial={"body": comment.body or ""})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                actions.edit_comment(request.user, comment.id, body=form.cleaned_data["body"])
            except (FieldError, Rejected, NotAMember) as error:
                add_action_error(form, error)
                status = getattr(error, "status", 400)
            else:
                return see_other(f"{subject.url}#comment-{comment.id}")
    return render(request, "talk/edit.html", {"form": form, "subject": subject,
                                              "comment": comment}, status=status)


@login_required
@action_of(_comment_page)
def comment_retract(request, comment_id: str):
    comment, subject = _own_comment_or_404(request, comment_id)
    try:
        actions.retract_comment(request.user, comment.id)
    except (Rejected, NotAMember) as error:
        return error_page(request, getattr(error, "reason", None) or str(error),
                          getattr(error, "status", 400))
    return see_other(f"{subject.url}#comment-{comment.id}")


def _member(request):
    from commoning.accounts.access import current_member

    return current_member(request.user)
