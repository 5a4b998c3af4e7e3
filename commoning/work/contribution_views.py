"""Pages of contributions: record, read, amend, judge (approve, object, withdraw, settle), hide
as spam, and evidence files. Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.log.append import attachment_bytes, attachment_text
from commoning.log.registry import Rejected
from commoning.work import access, actions, forms, kinds
from commoning.work.page_kit import (
    ACTION_ERRORS,
    commons_or_404,
    member_id_of,
    names_of,
    net_or_404,
    refused_page,
    run_action,
)


# -- contributions -------------------------------------------------------------------------------
@login_required
def contribution_new(request, commons_id: str):
    commons = commons_or_404(commons_id)
    initial = {
        "task": request.GET.get("task", "")[:64],
        "revision": request.GET.get("revision", "")[:64],
    }
    task = access.get_task(commons.net, initial["task"]) if initial["task"] else None
    if task is not None:
        initial["kind"] = task.kind
    form = forms.ContributionForm(
        request.POST or None, initial=initial, kinds=access.rules_for(commons.id).kind_choices()
    )
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
    contribution = access.get_contribution(net_or_404(), contribution_id[:64])
    if contribution is None:
        raise Http404("no such contribution")
    commons = commons_or_404(contribution.commons_id)
    rules_note = access.rules_note(contribution)
    rules = rules_note.rules  # the rules it was recorded under, never re-judged by later ones
    verdict = access.verdict(contribution, rules)
    validations = list(access.validations_of(contribution.id))
    member_id = member_id_of(request.user)
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
            # A hidden contribution cannot be judged (its rule refuses it), so no form is offered.
            "may_validate": member_id is not None and member_id != contribution.member_id
            and not contribution.hidden,
            "kind_label": rules.kind_label(contribution.kind),
            "is_maintainer": member_id is not None and access.is_maintainer(commons, member_id),
            "names": names_of({contribution.member_id, *(v.member_id for v in validations)}
                              | ({contribution.hidden_by} if contribution.hidden_by else set())),
            "validation_form": forms.ValidationForm(),
        },
    )


@login_required
@require_POST
def contribution_validate(request, contribution_id: str):
    form = forms.ValidationForm(request.POST)
    if not form.is_valid():
        return error_page(request, _("Choose approve or object, with a reason."), 400)
    _result, refused = run_action(
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
    validation = access.get_validation(net_or_404(), validation_id[:64])
    if validation is None:
        raise Http404("no such judgement")
    _result, refused = run_action(
        request, actions.withdraw_validation, validation.id, success=_("Withdrawn.")
    )
    return refused or redirect("work_contribution", contribution_id=validation.contribution_id)


@login_required
@require_POST
def validation_settle(request, validation_id: str):
    validation = access.get_validation(net_or_404(), validation_id[:64])
    if validation is None:
        raise Http404("no such objection")
    _result, refused = run_action(
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
    _result, refused = run_action(
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
        return refused_page(request, Rejected(_("Choose a file to attach."), status=400))
    if upload.size > actions.EVIDENCE_MAX_BYTES:
        return refused_page(request, Rejected(_("The file is larger than 5 MB."), status=400))
    _result, refused = run_action(
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
    evidence = access.get_evidence(net_or_404(), evidence_id[:64])
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
    contribution = access.get_contribution(net_or_404(), contribution_id[:64])
    if contribution is None:
        raise Http404("no such contribution")
    if contribution.member_id != member_id_of(request.user):
        return refused_page(
            request, Rejected(_("Only its author may amend a contribution."), status=403)
        )
    form = forms.AmendForm(
        request.POST or None,
        kinds=kinds.amend_kind_choices(contribution),
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
            "commons": commons_or_404(contribution.commons_id),
            "title": _("Amend your contribution"),
            "submit": _("Save"),
        },
        status=400 if form.errors else 200,
    )
