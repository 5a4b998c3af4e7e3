"""Pages of debts: my obligations (to confirm, owing, owed), record and import forms, the
clearing runs and one run with what each member gains. Thin: actions write, access reads."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commoning.core.clearing.obligations import Obligation as CoreObligation
from commoning.core.clearing.obligations import write_csv
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.pagination import BadCursor, keyset_page
from commoning.front.prg import action_of, see_other
from commoning.obligations import access, actions, forms, rules
from commoning.work.page_kit import (
    ACTION_ERRORS,
    member_id_of,
    names_of,
    net_or_404,
    refusal_status,
)

LISTS = {
    "confirm": access.to_confirm,
    "owing": access.owed_by,
    "owed": access.owed_to,
}


def _home_url(*_args, **_kwargs) -> str:
    return reverse("obligations_home")


def _run_url(run_id, *_args, **_kwargs) -> str:
    return reverse("clearing_run", args=[run_id])


@login_required
def home(request, *, status=200, refusal="", record_form=None):
    net, member_id = net_or_404(), member_id_of(request.user)
    if member_id is None:
        return error_page(request, _("Only members have debts here."), 403)
    shown = request.GET.get("list", "confirm")
    if shown not in LISTS:
        shown = "confirm"
    try:
        page = keyset_page(request, LISTS[shown](net, member_id))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    names = names_of({m for o in page for m in (o.debtor_id, o.creditor_id)})
    return render(request, "obligations/home.html", {
        "page": page, "shown": shown, "names": names, "member_id": member_id,
        "to_confirm": access.to_confirm(net, member_id)[:1].exists(),
        "opted_out": access.opted_out(net, member_id),
        "record_form": record_form or forms.RecordForm(net=net, member_id=member_id),
        "waiting_runs": list(access.runs_awaiting(net, member_id)[:10]),
        "refusal": refusal,
    }, status=status)


@login_required
def record(request):
    net, member_id = net_or_404(), member_id_of(request.user)
    form = forms.RecordForm(request.POST or None, net=net, member_id=member_id or "")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_obligation(
                request.user, debtor_id=data["debtor"], amount=data["amount"], unit=data["unit"],
                memo=data["memo"], due=data["due"].isoformat() if data["due"] else "",
            )
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Debt recorded. It counts once the debtor confirms it."))
            return see_other(reverse("obligations_home") + "?list=owed")
    return render(request, "obligations/record.html", {"form": form},
                  status=400 if form.errors else 200)


def _obligation_action(action, done: str):
    @login_required
    @action_of(_home_url)
    def view(request, obligation_id: str):
        net, member_id = net_or_404(), member_id_of(request.user)
        if access.obligation_for(net, member_id, obligation_id) is None:
            raise Http404(_("No such debt."))
        try:
            action(request.user, obligation_id)
        except ACTION_ERRORS as error:
            return home(request, status=refusal_status(request, error),
                        refusal=getattr(error, "reason", None) or str(error))
        messages.success(request, done)
        return see_other(reverse("obligations_home") + "?list=" + request.POST.get("back", "")
                         if request.POST.get("back") in LISTS else reverse("obligations_home"))

    return view


confirm = _obligation_action(actions.confirm_obligation, gettext_lazy("Debt confirmed."))
dispute = _obligation_action(actions.dispute_obligation, gettext_lazy("Debt disputed."))
withdraw = _obligation_action(actions.withdraw_obligation, gettext_lazy("Debt withdrawn."))
exclude = _obligation_action(
    actions.exclude_obligation, gettext_lazy("This debt stays out of clearing.")
)


@login_required
@action_of(_home_url)
def choose(request):
    take_part = request.POST.get("take_part") == "yes"
    try:
        actions.choose_clearing(request.user, take_part=take_part)
    except ACTION_ERRORS as error:
        return home(request, status=refusal_status(request, error), refusal=str(error))
    messages.success(request, _("You take part in clearing runs again.") if take_part
                     else _("You no longer take part in clearing runs."))
    return see_other("obligations_home")


@login_required
def import_csv(request):
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = actions.import_obligations(
                request.user, form.cleaned_data["file"], unit=form.cleaned_data["unit"]
            )
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("%(n)d debts recorded.") % {"n": len(recorded)})
            return see_other(reverse("obligations_home") + "?list=owed")
    return render(request, "obligations/import.html", {"form": form},
                  status=400 if form.errors else 200)


@login_required
def export_csv(request):
    """A unit's confirmed open debts as `id,debtor,creditor,amount` (what is still owed)."""
    unit = request.GET.get("unit", "")
    if not rules.UNIT.fullmatch(unit):
        return error_page(request, _("Name the unit to export, e.g. ?unit=EUR."), 400)
    out = io.StringIO(newline="")
    write_csv((CoreObligation(o.id, o.debtor_id, o.creditor_id, o.remaining)
               for o in access.open_obligations(net_or_404(), unit).iterator()), out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    safe_unit = "".join(c for c in unit if c.isascii() and c.isalnum()) or "unit"
    response["Content-Disposition"] = f'attachment; filename="debts-{safe_unit}.csv"'
    return response


def runs(request, *, status=200, run_form=None):
    net = net_or_404()
    try:
        page = keyset_page(request, access.runs_in(net))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    return render(request, "obligations/runs.html", {
        "page": page, "run_form": run_form or forms.RunForm(),
        "units": access.units_of(net)[:20],
    }, status=status)


@login_required
@action_of(lambda *a, **k: reverse("clearing_runs"))
def run_new(request):
    form = forms.RunForm(request.POST)
    if form.is_valid():
        try:
            run = actions.start_run(request.user, unit=form.cleaned_data["unit"])
        except ACTION_ERRORS as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Clearing run proposed. It applies when everyone it "
                                        "concerns consents."))
            return see_other(_run_url(run.id))
    return runs(request, status=400, run_form=form)


def run_page(request, run_id: str, *, status=200, refusal="", decline_form=None):
    net = net_or_404()
    run = access.get_run(net, run_id)
    if run is None:
        raise Http404(_("No such clearing run."))
    member_id = member_id_of(request.user)
    participants = list(access.participants_of(run))
    me = next((p for p in participants if p.member_id == member_id), None)
    mine = access.items_for(run, member_id) if me else []
    names = names_of({p.member_id for p in participants} | {run.author_id}
                     | {m for o, *_amounts in mine for m in (o.debtor_id, o.creditor_id)})
    return render(request, "obligations/run.html", {
        "run": run, "participants": participants, "me": me, "mine": mine, "names": names,
        "decline_form": decline_form or forms.DeclineForm(), "refusal": refusal,
        "member_id": member_id,
    }, status=status)


def _answer_view(action, done: str, *, needs_tick: bool):
    @login_required
    @action_of(_run_url)
    def view(request, run_id: str):
        form = forms.DeclineForm(request.POST) if needs_tick else None
        if form is not None and not form.is_valid():
            return run_page(request, run_id, status=400, decline_form=form)
        try:
            action(request.user, run_id)
        except ACTION_ERRORS as error:
            return run_page(request, run_id, status=refusal_status(request, error),
                            refusal=getattr(error, "reason", None) or str(error),
                            decline_form=form)
        messages.success(request, done)
        return see_other(_run_url(run_id))

    return view


consent = _answer_view(actions.consent_to_run, gettext_lazy("You consented."), needs_tick=False)
decline = _answer_view(actions.decline_run, gettext_lazy("You declined this run."), needs_tick=True)
