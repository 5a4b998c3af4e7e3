"""Pages of peer production: the board, tasks, contributions and their validation, rules,
roles, reputation and forks (artifacts: artifact_views.py). Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commoning.accounts import security
from commoning.accounts.access import NotAMember
from commoning.accounts.actions import default_network
from commoning.accounts.models import Account, Member
from commoning.commons.access import get_commons
from commoning.core.fields import FieldError
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.log.append import attachment_bytes, attachment_text
from commoning.log.registry import Rejected
from commoning.work import access, actions, forms, role_actions
from commoning.work.models import Contribution

ACTION_ERRORS = (FieldError, Rejected, NotAMember)


def _net():
    net = default_network()
    if net is None:
        raise Http404("this node serves no network yet")
    return net


def _commons_or_404(commons_id):
    commons = get_commons(_net(), commons_id[:64])
    if commons is None:
        raise Http404("no such commons")
    return commons


def _member_id(user) -> str | None:
    if not user.is_authenticated:
        return None
    return Account.objects.filter(user=user).values_list("member_id", flat=True).first()


def _names(ids) -> dict:
    return dict(Member.objects.filter(id__in=[i for i in ids if i]).values_list("id", "name"))


def _refused(request, error, status=None):
    """Show why an action was refused, with its status (403 for permission, 409 conflict...)."""
    status = (
        status or getattr(error, "status", None) or (403 if isinstance(error, NotAMember) else 400)
    )
    if status == 403:
        security.record("access:work:denied", request=request, detail=str(error)[:200])
    return error_page(request, getattr(error, "reason", None) or str(error), status)


def _run(request, action, *args, success=None, **kwargs):
    """Run an action from a button; on refusal show the reason and a 4xx."""
    try:
        result = action(request.user, *args, **kwargs)
    except ACTION_ERRORS as error:
        return None, _refused(request, error)
    if success:
        messages.success(request, success)
    return result, None


# -- home and board ------------------------------------------------------------------------------
@login_required
def work_home(request):
    member_id = _member_id(request.user)
    matches = access.matches_for(member_id) if member_id else []
    mine = access.with_verdicts(
        Contribution.objects.filter(member_id=member_id).order_by("-ts")[:20]
    )
    names = {
        c.id: c.name
        for c in _commons_list(
            {m[0].task.commons_id for m in matches} | {c.commons_id for c in mine}
        )
    }
    return render(
        request,
        "work/home.html",
        {
            "matches": matches,
            "mine": mine,
            "commons_names": names,
            "member_id": member_id,
        },
    )


def _commons_list(ids):
    from commoning.commons.models import Commons

    return Commons.objects.filter(id__in=list(ids))


def commons_work(request, commons_id: str):
    commons = _commons_or_404(commons_id)
    member_id = _member_id(request.user)
    board = access.board(commons.id)
    contributions = access.with_verdicts(access.contributions_in(commons.id)[:50])
    link = access.fork_of(commons.id)
    forks = list(access.forks_from(commons.id))
    maintainers = access.maintainers(commons.id)
    ids = {c.member_id for c in contributions} | {
        holder for col in board.values() for v in col for holder in v.holder_ids
    }
    ids |= {m.member_id for m in maintainers} | {commons.founder_id}
    return render(
        request,
        "work/commons.html",
        {
            "commons": commons,
            "board": board,
            "contributions": contributions,
            "rules": access.rules_for(commons.id),
            "credits": access.credits_in(commons.id),
            "artifacts": access.artifacts_in(commons.id),
            "origin": link,
            "origin_commons": get_commons(commons.net, link.origin_id) if link else None,
            "forks": [(f, get_commons(commons.net, f.fork_id)) for f in forks],
            "maintainers": maintainers,
            "names": _names(ids),
            "member_id": member_id,
            "is_founder": member_id == commons.founder_id,
        },
    )


# -- tasks ---------------------------------------------------------------------------------------
@login_required
def task_new(request, commons_id: str):
    commons = _commons_or_404(commons_id)
    form = forms.TaskForm(request.POST or None)
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
    task = access.get_task(_net(), task_id[:64])
    if task is None:
        raise Http404("no such task")
    view = access.task_view(task)
    commons = _commons_or_404(task.commons_id)
    contributions = access.with_verdicts(
        Contribution.objects.filter(task_id=task.id).order_by("ts")
    )
    member_id = _member_id(request.user)
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
            "rules": access.rules_for(commons.id),
            "names": _names(
                {*view.holder_ids, task.author_id, *(c.member_id for c in contributions)}
            ),
        },
    )


@login_required
@require_POST
def task_claim(request, task_id: str):
    _result, refused = _run(
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
    _result, refused = _run(request, actions.unclaim_task, task_id, success=_("Claim released."))
    return refused or redirect("work_task", task_id=task_id[:64])


# -- contributions -------------------------------------------------------------------------------
@login_required
def contribution_new(request, commons_id: str):
    commons = _commons_or_404(commons_id)
    initial = {
        "task": request.GET.get("task", "")[:64],
        "revision": request.GET.get("revision", "")[:64],
    }
    task = access.get_task(commons.net, initial["task"]) if initial["task"] else None
    if task is not None:
        initial["kind"] = task.kind
    form = forms.ContributionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            contribution = actions.record_contribution(
                request.user,
                commons.id,
                task=data.pop("task") or None,
                revision=data.pop("revision") or None,
                **data,
            )
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Contribution recorded. Other members will validate it."))
            return redirect("work_contribution", contribution_id=contribution.id)
    return render(
        request,
        "work/form.html",
        {
            "form": form,
            "commons": commons,
            "task": task,
            "title": _("Record a contribution"),
            "submit": _("Record contribution"),
        },
        status=400 if form.errors else 200,
    )


def contribution_detail(request, contribution_id: str):
    contribution = access.get_contribution(_net(), contribution_id[:64])
    if contribution is None:
        raise Http404("no such contribution")
    commons = _commons_or_404(contribution.commons_id)
    rules_note = access.rules_note(contribution)
    rules = rules_note.rules  # the rules it was recorded under, never re-judged by later ones
    verdict = access.verdict(contribution, rules)
    validations = list(access.validations_of(contribution.id))
    member_id = _member_id(request.user)
    task = access.get_task(commons.net, contribution.task_id) if contribution.task_id else None
    return render(
        request,
        "work/contribution.html",
        {
            "evidence_files": access.evidence_of(contribution.id),
            "contribution": contribution,
            "commons": commons,
            "rules": rules,
            "rules_note": rules_note,
            "verdict": verdict,
            "validations": validations,
            "standing": access.standing_judgement(contribution, member_id),
            "outdated": access.outdated_judgement(contribution, member_id),
            "member_id": member_id,
            "task": task,
            "description": attachment_text(contribution.description_hash),
            "is_author": member_id == contribution.member_id,
            "may_validate": member_id is not None and member_id != contribution.member_id,
            "is_maintainer": member_id is not None and access.is_maintainer(commons, member_id),
            "names": _names({contribution.member_id, *(v.member_id for v in validations)}),
            "validation_form": forms.ValidationForm(),
        },
    )


@login_required
@require_POST
def contribution_validate(request, contribution_id: str):
    form = forms.ValidationForm(request.POST)
    if not form.is_valid():
        return error_page(request, _("Choose approve or object, with a reason."), 400)
    _result, refused = _run(
        request,
        actions.validate,
        contribution_id,
        **form.cleaned_data,
        success=_("Your judgement is recorded."),
    )
    return refused or redirect("work_contribution", contribution_id=contribution_id[:64])


@login_required
@require_POST
def validation_withdraw(request, validation_id: str):
    validation = access.get_validation(_net(), validation_id[:64])
    if validation is None:
        raise Http404("no such judgement")
    _result, refused = _run(
        request, actions.withdraw_validation, validation.id, success=_("Withdrawn.")
    )
    return refused or redirect("work_contribution", contribution_id=validation.contribution_id)


@login_required
@require_POST
def validation_settle(request, validation_id: str):
    validation = access.get_validation(_net(), validation_id[:64])
    if validation is None:
        raise Http404("no such objection")
    _result, refused = _run(
        request,
        actions.settle_objection,
        validation.id,
        reason=request.POST.get("reason", ""),
        success=_("Objection settled."),
    )
    return refused or redirect("work_contribution", contribution_id=validation.contribution_id)


@login_required
@require_POST
def contribution_hide(request, contribution_id: str):
    _result, refused = _run(
        request,
        actions.hide_contribution,
        contribution_id,
        reason=request.POST.get("reason", ""),
        success=_("Hidden as spam."),
    )
    return refused or redirect("work_contribution", contribution_id=contribution_id[:64])


@login_required
@require_POST
def evidence_upload(request, contribution_id: str):
    """Attach an uploaded file to one's own contribution (a multipart form, no JavaScript)."""
    upload = request.FILES.get("file")
    if upload is None:
        return _refused(request, Rejected(_("Choose a file to attach."), status=400))
    if upload.size > actions.EVIDENCE_MAX_BYTES:
        return _refused(request, Rejected(_("The file is larger than 5 MB."), status=400))
    _result, refused = _run(
        request,
        actions.attach_evidence,
        contribution_id,
        name=upload.name or "evidence",
        body=upload.read(),
        media_type=upload.content_type or "",
        success=_("Evidence attached."),
    )
    return refused or redirect("work_contribution", contribution_id=contribution_id[:64])


def evidence_file(request, evidence_id: str):
    """The evidence file, always as a download (never rendered in the node's own origin)."""
    evidence = access.get_evidence(_net(), evidence_id[:64])
    body = attachment_bytes(evidence.file_hash) if evidence is not None else None
    if body is None:
        raise Http404("no such file here (not received yet, or erased)")
    response = HttpResponse(body, content_type=evidence.media_type)
    response["Content-Disposition"] = content_disposition_header(True, evidence.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@login_required
def contribution_edit(request, contribution_id: str):
    contribution = access.get_contribution(_net(), contribution_id[:64])
    if contribution is None:
        raise Http404("no such contribution")
    if contribution.member_id != _member_id(request.user):
        return _refused(
            request, Rejected(_("Only its author may amend a contribution."), status=403)
        )
    form = forms.AmendForm(
        request.POST or None,
        initial={
            "kind": contribution.kind,
            "effort_minutes": contribution.effort_minutes,
            "evidence_url": contribution.evidence_url,
            "description": attachment_text(contribution.description_hash) or "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.amend_contribution(request.user, contribution.id, **form.cleaned_data)
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Contribution amended."))
            return redirect("work_contribution", contribution_id=contribution.id)
    return render(
        request,
        "work/form.html",
        {
            "form": form,
            "commons": _commons_or_404(contribution.commons_id),
            "title": _("Amend your contribution"),
            "submit": _("Save"),
        },
        status=400 if form.errors else 200,
    )


# -- rules and roles -----------------------------------------------------------------------------
def commons_rules(request, commons_id: str):
    commons = _commons_or_404(commons_id)
    rules = access.rules_for(commons.id)
    member_id = _member_id(request.user)
    is_founder = member_id == commons.founder_id
    form = None
    if is_founder:
        form = forms.RulesForm(
            request.POST or None,
            initial={
                "mode": rules.mode,
                "kinds": list(rules.kinds),
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
                actions.publish_rules(request.user, commons.id, **form.cleaned_data)
            except ACTION_ERRORS as error:
                add_action_error(form, error)
            else:
                messages.success(request, _("Rules published."))
                return redirect("work_commons", commons_id=commons.id)
    elif request.method == "POST":
        return _refused(
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


def commons_roles(request, commons_id: str):
    commons = _commons_or_404(commons_id)
    history = list(access.role_history(commons.id))
    maintainers = access.maintainers(commons.id)
    members = list(Member.objects.filter(net=commons.net).order_by("name"))
    member_id = _member_id(request.user)
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
        },
    )


@login_required
@require_POST
def commons_role_change(request, commons_id: str):
    change = request.POST.get("change")
    member = request.POST.get("member", "")[:64]
    if change == "earned":
        _r, refused = _run(
            request,
            role_actions.record_earned_role,
            commons_id[:64],
            member,
            success=_("The role the rule grants is recorded."),
        )
    elif change == "appointed":
        _r, refused = _run(
            request,
            role_actions.appoint_maintainer,
            commons_id[:64],
            member,
            success=_("Maintainer appointed."),
        )
    elif change == "recall":
        _r, refused = _run(
            request,
            role_actions.recall_maintainer,
            commons_id[:64],
            member,
            reason=request.POST.get("reason", ""),
            success=_("Role recalled."),
        )
    elif change == "lapse":
        _r, refused = _run(
            request,
            role_actions.record_lapse,
            commons_id[:64],
            member,
            success=_("The lapse is recorded."),
        )
    else:
        return error_page(request, _("Unknown role change."), 400)
    return refused or redirect("work_roles", commons_id=commons_id[:64])


# -- reputation ----------------------------------------------------------------------------------
def member_reputation(request, member_id: str):
    member = Member.objects.filter(net=_net(), id=member_id[:64]).first()
    if member is None:
        raise Http404("no such member")
    reputation = access.reputation(member.id)
    peak = max([minutes for _m, minutes in reputation["months"]] or [1])
    months = [
        (month, minutes, max(1, minutes * 100 // peak)) for month, minutes in reputation["months"]
    ]
    return render(
        request,
        "work/reputation.html",
        {
            "member": member,
            "reputation": reputation,
            "months": months,
        },
    )


# -- forks and artifacts -------------------------------------------------------------------------
@login_required
def commons_fork(request, commons_id: str):
    commons = _commons_or_404(commons_id)
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
            return redirect("work_commons", commons_id=fork.id)
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
