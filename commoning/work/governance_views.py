"""Pages of how a commons governs itself: its rules, its roles (earned, appointed, recalled,
lapsed) and forking it. Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commoning.accounts.models import Member
from commoning.front.forms import add_action_error
from commoning.front.prg import action_of, see_other
from commoning.log.registry import Rejected
from commoning.work import access, actions, forms, role_actions
from commoning.work.page_kit import (
    ACTION_ERRORS,
    commons_or_404,
    member_id_of,
    refusal_status,
    refused_page,
)
from commoning.work.rules import KINDS


# -- rules and roles -----------------------------------------------------------------------------
def commons_rules(request, commons_id: str):
    commons = commons_or_404(commons_id)
    rules = access.rules_for(commons.id)
    member_id = member_id_of(request.user)
    is_founder = member_id == commons.founder_id
    form = None
    if is_founder:
        form = forms.RulesForm(
            request.POST or None,
            initial={
                "mode": rules.mode,
                "kinds": [kind for kind in rules.kinds if kind in KINDS],
                "own_kinds": "\n".join(label for _kind, label in rules.kind_labels),
                "min_approvals": rules.min_approvals,
                "objection_window_days": rules.objection_window_days,
                "claim_days": rules.claim_days,
                "maintainer_contributions": rules.maintainer_contributions,
                "maintainer_approvals": rules.maintainer_approvals,
                "inactivity_days": rules.inactivity_days,
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                published = dict(form.cleaned_data)
                published["kind_labels"] = published.pop("own_kinds")
                actions.publish_rules(request.user, commons.id, **published)
            except ACTION_ERRORS as error:
                add_action_error(form, error)
            else:
                messages.success(request, _("Rules published."))
                return see_other("work_commons", commons_id=commons.id)
    elif request.method == "POST":
        return refused_page(
            request, Rejected(_("Only the commons' founder publishes its rules."), status=403)
        )
    return render(
        request,
        "work/rules.html",
        {
            "commons": commons,
            "rules": rules,
            "form": form,
            "history": access.rules_history(commons.id),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _roles_url(commons_id: str) -> str:
    return reverse("work_roles", args=[commons_id[:64]])


def commons_roles(request, commons_id: str):
    return _roles_page(request, commons_or_404(commons_id))


def _roles_page(request, commons, *, status=200, refusal=None, recall_form=None,
                recall_member=None):
    """The roles page; a refused role change shows its reason at the top (a refused recall
    beside its reason), with the refusal's 4xx, at the action URL (GET there sends here)."""
    history = list(access.role_history(commons.id))
    maintainers = access.maintainers(commons.id)
    members = list(Member.objects.filter(net=commons.net).order_by("name"))
    member_id = member_id_of(request.user)
    eligible = [
        m
        for m in members
        if access.earning_evidence(commons.id, m.id) is not None
        and not access.role_grant_of(commons.id, m.id)
        and m.id != commons.founder_id
    ]
    return render(
        request,
        "work/roles.html",
        {
            "commons": commons,
            "history": history,
            "maintainers": maintainers,
            "members": members,
            "rules": access.rules_for(commons.id),
            "eligible": eligible,
            "names": {m.id: m.name for m in members},
            "member_id": member_id,
            "is_founder": member_id == commons.founder_id,
            "may_recall": member_id is not None and access.is_maintainer(commons, member_id),
            "refusal": refusal,
            "recall_form": recall_form or forms.RecallForm(),
            "recall_member": recall_member,
        },
        status=status,
    )


ROLE_CHANGES = {
    "earned": (
        role_actions.record_earned_role,
        gettext_lazy("The role the rule grants is recorded."),
    ),
    "appointed": (role_actions.appoint_maintainer, gettext_lazy("Maintainer appointed.")),
    "lapse": (role_actions.record_lapse, gettext_lazy("The lapse is recorded.")),
}


@login_required
@action_of(_roles_url)
def commons_role_change(request, commons_id: str):
    commons = commons_or_404(commons_id)
    change = request.POST.get("change")
    member = request.POST.get("member", "")[:64]
    if change == "recall":
        return _recall(request, commons, member)
    if change not in ROLE_CHANGES:
        return _roles_page(request, commons, status=400, refusal=_("Unknown role change."))
    action, success = ROLE_CHANGES[change]
    try:
        action(request.user, commons.id, member)
    except ACTION_ERRORS as error:
        status = refusal_status(request, error)
        reason = getattr(error, "reason", None) or str(error)
        return _roles_page(request, commons, status=status, refusal=reason)
    messages.success(request, success)
    return see_other(_roles_url(commons.id))


def _recall(request, commons, member: str):
    form = forms.RecallForm(request.POST)
    if form.is_valid():
        try:
            role_actions.recall_maintainer(
                request.user, commons.id, member, reason=form.cleaned_data["reason"]
            )
        except ACTION_ERRORS as error:
            add_action_error(form, error)
            status = refusal_status(request, error)
        else:
            messages.success(request, _("Role recalled."))
            return see_other(_roles_url(commons.id))
    else:
        status = 400
    return _roles_page(
        request, commons, status=status, recall_form=form, recall_member=member
    )


# -- forks and artifacts -------------------------------------------------------------------------
@login_required
def commons_fork(request, commons_id: str):
    commons = commons_or_404(commons_id)
    form = forms.ForkForm(
        request.POST or None, initial={"name": _("%(name)s (fork)") % {"name": commons.name}}
    )
    if request.method == "POST" and form.is_valid():
        try:
            fork = actions.fork_commons(request.user, commons.id, **form.cleaned_data)
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Forked. The fork carries the history and every credit."))
            return see_other("work_commons", commons_id=fork.id)
    return render(
        request,
        "work/form.html",
        {
            "form": form,
            "commons": commons,
            "title": _("Fork this commons"),
            "submit": _("Fork"),
            "intro": _(
                "A fork is a new commons that starts with this one's artifacts, history and "
                "credits, and then goes its own way. Say why you fork."
            ),
        },
        status=400 if form.errors else 200,
    )
