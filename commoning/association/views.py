"""Pages of the association: its name, statutes and their versions, members with roles, and the
forms to join, approve a join and leave. Thin: actions write, access reads."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from commoning.accounts.access import NotAMember, current_member, members_by_id
from commoning.accounts.actions import default_network
from commoning.association import access, actions
from commoning.core.fields import FieldError
from commoning.front.forms import add_action_error
from commoning.front.prg import action_of, see_other
from commoning.log.registry import Rejected


class LeaveForm(forms.Form):
    confirm = forms.BooleanField(required=True, label=gettext_lazy("Yes, leave the association"))


class ActionForm(forms.Form):
    """A button's form: it holds no field, only the refusal shown beside the button."""


def _page():
    return reverse("association")


def association_page(request, *, failed=None, form=None, status=200):
    view = access.current_view(default_network() or "")
    member = current_member(request.user) if request.user.is_authenticated else None
    page, next_after = access.members_page(view, after=request.GET.get("after", ""))
    pending = list(view.pending_joins)
    names = members_by_id([*page, *(join[1] for join in pending)])
    rows = [{"id": member_id, "member": names.get(member_id),
             "roles": view.roles_of(member_id)} for member_id in page]
    me = member.id if member else None
    context = {
        "view": view, "rows": rows, "next_after": next_after, "me": me,
        "is_member": me in view.members,
        "is_pending": any(join[1] == me for join in pending),
        "pending": [{"id": join[0], "member": names.get(join[1]), "member_id": join[1],
                     "needs": join[2], "approvals": len(join[3]),
                     "approved_by_me": me in join[3]} for join in pending],
        "statutes": view.statutes, "history": access.statutes_history(view),
        "failed": failed, "form": form,
    }
    return render(request, "association/page.html", context, status=status)


def _act(request, name: str, form, act):
    if form.is_valid():
        try:
            act()
        except (FieldError, Rejected, NotAMember) as error:
            add_action_error(form, error)
            status = getattr(error, "status", 400)
            return association_page(request, failed=name, form=form, status=status)
        return see_other("association")
    return association_page(request, failed=name, form=form, status=400)


@login_required
@action_of(lambda: _page())
def join(request):
    return _act(request, "join", ActionForm(request.POST),
                lambda: actions.join_association(request.user))


@login_required
@action_of(lambda: _page())
def leave(request):
    return _act(request, "leave", LeaveForm(request.POST),
                lambda: actions.leave_association(request.user))


@login_required
@action_of(lambda join_id: _page())
def approve(request, join_id: str):
    return _act(request, f"approve:{join_id}", ActionForm(request.POST),
                lambda: actions.approve_join(request.user, join_id))
