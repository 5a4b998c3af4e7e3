"""Pages of contributions: record, read, amend, judge (approve, object, withdraw, settle), hide
as spam, and evidence files. Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from commoning.front.forms import add_action_error
from commoning.front.prg import action_of, see_other
from commoning.log.append import attachment_bytes, attachment_text
from commoning.log.registry import Rejected
from commoning.work import access, actions, forms, kinds
from commoning.work.page_kit import (
    ACTION_ERRORS,
    commons_or_404,
    member_id_of,
    names_of,
    net_or_404,
    refusal_status,
    refused_page,
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
            return see_other("work_contribution", contribution_id=contribution.id)
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


def _contribution_or_404(contribution_id: str):
    contribution = access.get_contribution(net_or_404(), contribution_id[:64])
    if contribution is None:
        raise Http404("no such contribution")
    return contribution


def _contribution_url(contribution_id: str) -> str:
    return reverse("work_contribution", args=[contribution_id[:64]])


def contribution_detail(request, contribution_id: str):
    return _contribution_page(request, _contribution_or_404(contribution_id))


def _contribution_page(request, contribution, *, status=200, refused_form=None, form_name=None,
                       settle_id=None):
    """The contribution page; a refused form (`form_name` in the context) comes back bound, its
    message beside its field, with the 4xx of the refusal, at the action URL (which answers GET
    with a 303 to this page, so a reload never meets a 405)."""
    commons = commons_or_404(contribution.commons_id)
    rules_note = access.rules_note(contribution)
    rules = rules_note.rules  # the rules it was recorded under, never re-judged by later ones
    verdict = access.verdict(contribution, rules)
    validations = list(access.validations_of(contribution.id))
    member_id = member_id_of(request.user)
    task = access.get_task(commons.net, contribution.task_id) if contribution.task_id else None
    context = {
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
        "hide_form": forms.HideForm(),
        "evidence_form": forms.EvidenceForm(),
        "settle_id": settle_id,
        "withdraw_id": None,
    }
    if form_name is not None:
        context[form_name] = refused_form
    return render(request, "work/contribution.html", context, status=status)


def _refused_on_page(request, contribution, form, form_name, error=None, **extra):
    """Show the page again with `form` bound: its own errors, or the action's refusal beside the
    field it concerns (at the top when no field is to blame)."""
    status = 400
    if error is not None:
        add_action_error(form, error)
        status = refusal_status(request, error)
    return _contribution_page(
        request, contribution, status=status, refused_form=form, form_name=form_name, **extra
    )


def _run_on_page(request, contribution, form, form_name, action, *args, success, **extra):
    """Run an action posted from the contribution page; refused, show the page with the form."""
    try:
        action(request.user, *args, **form.cleaned_data)
    except ACTION_ERRORS as error:
        return _refused_on_page(request, contribution, form, form_name, error, **extra)
    messages.success(request, success)
    return see_other(_contribution_url(contribution.id))


@login_required
@action_of(_contribution_url)
def contribution_validate(request, contribution_id: str):
    contribution = _contribution_or_404(contribution_id)
    form = forms.ValidationForm(request.POST)
    if not form.is_valid():
        return _refused_on_page(request, contribution, form, "validation_form")
    return _run_on_page(
        request, contribution, form, "validation_form", actions.validate, contribution.id,
        success=_("Your judgement is recorded."),
    )


def _validation_or_404(validation_id: str):
    validation = access.get_validation(net_or_404(), validation_id[:64])
    if validation is None:
        raise Http404("no such judgement")
    return validation


def _page_of_validation(validation_id: str) -> str:
    return _contribution_url(_validation_or_404(validation_id).contribution_id)


@login_required
@action_of(_page_of_validation)
def validation_withdraw(request, validation_id: str):
    validation = _validation_or_404(validation_id)
    contribution = _contribution_or_404(validation.contribution_id)
    form = forms.ConfirmForm(request.POST)
    if not form.is_valid():
        return _refused_on_page(
            request, contribution, form, "withdraw_form", withdraw_id=validation.id
        )
    try:
        actions.withdraw_validation(request.user, validation.id)
    except ACTION_ERRORS as error:
        return _refused_on_page(
            request, contribution, form, "withdraw_form", error, withdraw_id=validation.id
        )
    messages.success(request, _("Withdrawn."))
    return see_other(_contribution_url(contribution.id))


@login_required
@action_of(_page_of_validation)
def validation_settle(request, validation_id: str):
    validation = _validation_or_404(validation_id)
    contribution = _contribution_or_404(validation.contribution_id)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        return _refused_on_page(
            request, contribution, form, "settle_form", settle_id=validation.id
        )
    return _run_on_page(
        request, contribution, form, "settle_form", actions.settle_objection, validation.id,
        success=_("Objection settled."), settle_id=validation.id,
    )


@login_required
@action_of(_contribution_url)
def contribution_hide(request, contribution_id: str):
    contribution = _contribution_or_404(contribution_id)
    form = forms.HideForm(request.POST)
    if not form.is_valid():
        return _refused_on_page(request, contribution, form, "hide_form")
    try:
        actions.hide_contribution(
            request.user, contribution.id, reason=form.cleaned_data["reason"]
        )
    except ACTION_ERRORS as error:
        return _refused_on_page(request, contribution, form, "hide_form", error)
    messages.success(request, _("Hidden as spam."))
    return see_other(_contribution_url(contribution.id))


@login_required
@action_of(_contribution_url)
def evidence_upload(request, contribution_id: str):
    """Attach an uploaded file to one's own contribution (a multipart form, no JavaScript)."""
    contribution = _contribution_or_404(contribution_id)
    form = forms.EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused_on_page(request, contribution, form, "evidence_form")
    upload = form.cleaned_data["file"]
    if upload.size > actions.EVIDENCE_MAX_BYTES:
        form.add_error("file", _("The file is larger than 5 MB."))
        return _refused_on_page(request, contribution, form, "evidence_form")
    try:
        actions.attach_evidence(
            request.user,
            contribution.id,
            name=upload.name or "evidence",
            body=upload.read(),
            media_type=upload.content_type or "",
        )
    except ACTION_ERRORS as error:
        return _refused_on_page(request, contribution, form, "evidence_form", error)
    messages.success(request, _("Evidence attached."))
    return see_other(_contribution_url(contribution.id))


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
            return see_other("work_contribution", contribution_id=contribution.id)
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
