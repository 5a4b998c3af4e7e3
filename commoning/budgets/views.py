"""Pages of participatory budgets: rounds, a round with its projects, ballot and result, and
the Pabulib export and import. Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from commoning.accounts.access import NotAMember, current_member, members_by_id
from commoning.accounts.actions import default_network
from commoning.budgets import access, actions
from commoning.budgets.forms import BallotForm, ImportForm, ProjectForm, RoundForm, to_ms
from commoning.budgets.pabulib_io import export_round
from commoning.budgets.rules import exponent_of
from commoning.core.fields import FieldError
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.pagination import BadCursor, keyset_page
from commoning.front.prg import action_of, see_other
from commoning.log import clock
from commoning.log.registry import Rejected

REFUSALS = (FieldError, Rejected, NotAMember)


def _status(error) -> int:
    return 403 if isinstance(error, NotAMember) else getattr(error, "status", 400)


def _net() -> str:
    return default_network() or ""


def _member_id(user) -> str | None:
    member = current_member(user) if user.is_authenticated else None
    return member.id if member else None


def _round_or_404(round_id):
    found = access.get_round(_net(), round_id)
    if found is None:
        raise Http404(_("No such budgeting round."))
    return found


def _round_page(round_id: str) -> str:
    return reverse("budget_round", args=[round_id])


def round_list(request):
    try:
        page = keyset_page(request, access.rounds_in(_net()))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    now = clock.now_ms()
    for round_row in page:
        round_row.phase = access.phase_of(round_row, now)
    return render(request, "budgets/list.html", {
        "page": page, "may_open": access.may_open_round(_net(), _member_id(request.user)),
    })


def _windows(form) -> dict:
    return {"proposing_closes_ms": to_ms(form.cleaned_data["proposing_closes"]),
            "voting_closes_ms": to_ms(form.cleaned_data["voting_closes"])}


@login_required
def round_new(request):
    form = RoundForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            round_row = actions.open_round(
                request.user, title=form.cleaned_data["title"],
                budget_minor=form.cleaned_data["budget_minor"],
                currency=form.cleaned_data["currency"], **_windows(form))
        except REFUSALS as error:
            add_action_error(form, error)
            status = _status(error)
        else:
            messages.success(request, _("Round opened. Members may now propose projects."))
            return see_other("budget_round", round_id=round_row.id)
    if form.errors and status == 200:
        status = 400
    return render(request, "budgets/form.html", {"form": form, "importing": False},
                  status=status)


@login_required
def round_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            round_row = actions.import_round(
                request.user, form.cleaned_data["file"], currency=form.cleaned_data["currency"],
                **_windows(form))
        except REFUSALS as error:
            add_action_error(form, error)
            status = _status(error)
        else:
            messages.success(request, _("Round opened from the file, with its projects. The "
                                        "file's votes were left out."))
            return see_other("budget_round", round_id=round_row.id)
    if form.errors and status == 200:
        status = 400
    return render(request, "budgets/form.html", {"form": form, "importing": True},
                  status=status)


def _render_round(request, round_row, *, project_form=None, ballot_form=None, status=200):
    member_id = _member_id(request.user)
    phase = access.phase_of(round_row, clock.now_ms())
    standing = access.standing_in(round_row, member_id)
    projects = (access.result_of(round_row) if phase == access.CLOSED
                else list(access.projects_of(round_row)))
    names = members_by_id({project.proposer_id for project in projects} | {round_row.opened_by})
    for project in projects:
        project.proposer = names.get(project.proposer_id)
    ballot = access.ballot_of(round_row, member_id)
    approved = set(ballot.approved_ids) if ballot else set()
    if ballot_form is None and phase == access.VOTING and standing.member:
        ballot_form = BallotForm(projects=projects, initial={"approve": sorted(approved)})
    if project_form is None and phase == access.PROPOSING and standing.member:
        project_form = ProjectForm(currency=round_row.currency)
    chosen = (set(ballot_form["approve"].value() or ()) if ballot_form is not None else approved)
    return render(request, "budgets/round.html", {
        "round": round_row, "phase": phase, "standing": standing, "projects": projects,
        "opened_by": names.get(round_row.opened_by), "ballot": ballot,
        "approved": approved, "chosen": chosen,
        "chosen_total": sum(p.cost_minor for p in projects if p.id in chosen),
        "project_form": project_form, "ballot_form": ballot_form,
        "selected_count": sum(1 for p in projects if p.selected_rank),
        "exponent": exponent_of(round_row.currency),
    }, status=status)


def round_detail(request, round_id: str):
    return _render_round(request, _round_or_404(round_id))


@action_of(_round_page)
@login_required
def round_propose(request, round_id: str):
    round_row = _round_or_404(round_id)
    form = ProjectForm(request.POST, currency=round_row.currency)
    if form.is_valid():
        try:
            actions.propose_project(request.user, round_id, title=form.cleaned_data["title"],
                                    cost_minor=form.cleaned_data["cost"],
                                    description=form.cleaned_data["description"])
        except REFUSALS as error:
            add_action_error(form, error)
            status = _status(error)
            return _render_round(request, round_row, project_form=form, status=status)
        messages.success(request, _("Project proposed."))
        return see_other("budget_round", round_id=round_id)
    return _render_round(request, round_row, project_form=form, status=400)


@action_of(_round_page)
@login_required
def round_vote(request, round_id: str):
    round_row = _round_or_404(round_id)
    form = BallotForm(request.POST, projects=access.projects_of(round_row))
    if form.is_valid():
        try:
            actions.cast_ballot(request.user, round_id, approve=form.cleaned_data["approve"])
        except REFUSALS as error:
            add_action_error(form, error)
            status = _status(error)
            return _render_round(request, round_row, ballot_form=form, status=status)
        messages.success(request, _("Ballot saved. You may change it until voting closes."))
        return see_other("budget_round", round_id=round_id)
    return _render_round(request, round_row, ballot_form=form, status=400)


@action_of(_round_page)
@login_required
def round_close(request, round_id: str):
    round_row = _round_or_404(round_id)
    try:
        actions.close_round(request.user, round_id)
    except REFUSALS as error:
        messages.error(request, getattr(error, "reason", None) or str(error))
        return _render_round(request, round_row, status=_status(error))
    messages.success(request, _("Round closed and counted."))
    return see_other("budget_round", round_id=round_id)


def round_export(request, round_id: str):
    round_row = _round_or_404(round_id)
    response = HttpResponse(export_round(round_row), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{round_row.id[:12]}.pb"'
    return response
