"""Pages of tasks: publish one, read it with its status and contributions, claim and release it.
Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commoning.front.forms import add_action_error
from commoning.log.append import attachment_text
from commoning.work import access, actions, forms
from commoning.work.models import Contribution
from commoning.work.page_kit import (
    ACTION_ERRORS,
    commons_or_404,
    member_id_of,
    names_of,
    net_or_404,
    run_action,
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
            return redirect("work_task", task_id=task.id)
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


def task_detail(request, task_id: str):
    task = access.get_task(net_or_404(), task_id[:64])
    if task is None:
        raise Http404("no such task")
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
        },
    )


@login_required
@require_POST
def task_claim(request, task_id: str):
    _result, refused = run_action(
        request,
        actions.claim_task,
        task_id,
        member=request.POST.get("member"),
        success=_("You claimed the task. It is yours until you release it or the claim expires."),
    )
    return refused or redirect("work_task", task_id=task_id[:64])


@login_required
@require_POST
def task_unclaim(request, task_id: str):
    _result, refused = run_action(
        request, actions.unclaim_task, task_id, success=_("Claim released.")
    )
    return refused or redirect("work_task", task_id=task_id[:64])
