"""Pages of tasks: publish one, read it with its status and contributions, claim and release it.
Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.front.forms import add_action_error
from commoning.front.prg import action_of, see_other
from commoning.log.append import attachment_text
from commoning.work import access, actions, forms
from commoning.work.models import Contribution
from commoning.work.page_kit import (
    ACTION_ERRORS,
    commons_or_404,
    member_id_of,
    names_of,
    net_or_404,
    refusal_status,
)


# -- tasks ---------------------------------------------------------------------------------------
@login_required
def task_new(request, commons_id: str):
    commons = commons_or_404(commons_id)
    form = forms.TaskForm(request.POST or None, kinds=access.rules_for(commons.id).kind_choices())
    if request.method == "POST" and form.is_valid():
        try:
            task = actions.create_task(request.user, commons.id, **form.cleaned_data)
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Task published."))
            return see_other("work_task", task_id=task.id)
    return render(
        request,
        "work/form.html",
        {
            "form": form,
            "commons": commons,
            "title": _("New task"),
            "submit": _("Publish task"),
        },
        status=400 if form.errors else 200,
    )


def _task_or_404(task_id: str):
    task = access.get_task(net_or_404(), task_id[:64])
    if task is None:
        raise Http404("no such task")
    return task


def _task_url(task_id: str) -> str:
    return reverse("work_task", args=[task_id[:64]])


def task_detail(request, task_id: str):
    return _task_page(request, _task_or_404(task_id))


def _task_page(request, task, *, status=200, refusal=None, unclaim_form=None):
    """The task page; a refused claim or release shows its reason above the buttons, with the
    refusal's 4xx, at the action URL (which answers GET with a 303 to this page)."""
    view = access.task_view(task)
    commons = commons_or_404(task.commons_id)
    contributions = access.with_verdicts(
        Contribution.objects.filter(task_id=task.id).order_by("ts")
    )
    member_id = member_id_of(request.user)
    rules = access.rules_for(commons.id)
    return render(
        request,
        "work/task.html",
        {
            "task": task,
            "view": view,
            "commons": commons,
            "contributions": contributions,
            "description": attachment_text(task.description_hash),
            "member_id": member_id,
            "rules": rules,
            "kind_label": rules.kind_label(task.kind),
            "names": names_of(
                {*view.holder_ids, task.author_id, *(c.member_id for c in contributions)}
            ),
            "refusal": refusal,
            "unclaim_form": unclaim_form or forms.ConfirmForm(),
        },
        status=status,
    )


def _refused(request, task, error, **forms_shown):
    status = refusal_status(request, error)
    reason = getattr(error, "reason", None) or str(error)
    return _task_page(request, task, status=status, refusal=reason, **forms_shown)


@login_required
@action_of(_task_url)
def task_claim(request, task_id: str):
    task = _task_or_404(task_id)
    try:
        actions.claim_task(request.user, task.id, member=request.POST.get("member"))
    except ACTION_ERRORS as error:
        return _refused(request, task, error)
    messages.success(
        request, _("You claimed the task. It is yours until you release it or the claim expires.")
    )
    return see_other(_task_url(task.id))


@login_required
@action_of(_task_url)
def task_unclaim(request, task_id: str):
    task = _task_or_404(task_id)
    form = forms.ConfirmForm(request.POST)
    if not form.is_valid():
        return _task_page(request, task, status=400, unclaim_form=form)
    try:
        actions.unclaim_task(request.user, task.id)
    except ACTION_ERRORS as error:
        return _refused(request, task, error, unclaim_form=form)
    messages.success(request, _("Claim released."))
    return see_other(_task_url(task.id))
