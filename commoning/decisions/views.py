"""Pages of decisions: the list, propose, a proposal with its ballot form, its result, and
delegation. Thin: actions write, access reads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from commoning.accounts.access import NotAMember, members_by_id
from commoning.accounts.actions import default_network
from commoning.core.fields import FieldError
from commoning.decisions import access, actions, forms, rules
from commoning.decisions.electorate import view_of
from commoning.front.errors import error_page
from commoning.front.forms import add_action_error
from commoning.front.pagination import BadCursor, keyset_page
from commoning.front.prg import action_of, see_other
from commoning.log import clock
from commoning.log.registry import Rejected

HOUR_MS = 3_600_000


def decision_list(request):
    net = default_network() or ""
    state = request.GET.get("state", "")
    state = state if state in ("open", "closed") else ""
    try:
        page = keyset_page(request, access.proposals_in(net, state))
    except BadCursor:
        return error_page(request, _("This page link is broken; start again from the list."), 400)
    return render(request, "decisions/list.html", {"page": page, "state": state})


@login_required
def decision_new(request):
    form = forms.ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = actions.propose(
                request.user, question=data["question"], method=data["method"],
                options=form.option_list(), seats=data["seats"], kind=data["kind"],
                topic=data["topic"], hide_results=data["hide_results"],
                closes_at=clock.now_ms() + data["hours_open"] * HOUR_MS)
        except (FieldError, Rejected, NotAMember) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Proposal opened. Members may vote until it closes."))
            return see_other("decision", proposal_id=proposal.id)
    return render(request, "decisions/new.html", {"form": form},
                  status=400 if form.errors else 200)


def _proposal_or_404(proposal_id):
    proposal = access.get_proposal(default_network() or "", proposal_id)
    if proposal is None:
        raise Http404(_("No such proposal."))
    return proposal


def _proposal_page(request, proposal, *, ballot_error=None, status=200):
    member_id = access.member_id_of(request.user)
    view = view_of(proposal.net, proposal.roster_heads)
    now = clock.now_ms()
    close = access.close_of(proposal)
    options = list(proposal.options)
    ballot = access.latest_ballot_of(proposal, member_id)
    context = {
        "proposal": proposal,
        "proposer": members_by_id([proposal.proposer_id]).get(proposal.proposer_id),
        "close": close,
        "may_vote": close is None and now < proposal.closes_at and member_id in view.members,
        "may_close": close is None and now >= proposal.closes_at and member_id in view.tellers,
        "in_electorate": member_id in view.members,
        "my_ballot": ballot.content if ballot else None,
        "numbered_options": list(enumerate(options)),
        "voters_so_far": None if proposal.hide_results else access.voters_so_far(proposal),
        "ballot_error": ballot_error,
        "posted": request.POST if ballot_error else None,
    }
    return render(request, "decisions/proposal.html", context, status=status)


def decision_page(request, proposal_id: str):
    return _proposal_page(request, _proposal_or_404(proposal_id))


@login_required
@action_of(lambda proposal_id: f"/decisions/{proposal_id}/")
def decision_vote(request, proposal_id: str):
    proposal = _proposal_or_404(proposal_id)
    try:
        actions.vote(request.user, proposal.id, forms.ballot_from_post(proposal, request.POST))
    except FieldError as error:
        return _proposal_page(request, proposal, ballot_error=error.message, status=400)
    except Rejected as error:
        return _proposal_page(request, proposal, ballot_error=error.reason, status=error.status)
    except NotAMember as error:
        return _proposal_page(request, proposal, ballot_error=str(error), status=403)
    messages.success(request, _("Your ballot is cast. You may change it until the vote closes."))
    return see_other("decision", proposal_id=proposal.id)


@login_required
@action_of(lambda proposal_id: f"/decisions/{proposal_id}/")
def decision_close(request, proposal_id: str):
    proposal = _proposal_or_404(proposal_id)
    if not request.POST.get("confirm"):  # a destructive button needs its tick
        return _proposal_page(request, proposal, status=400,
                              ballot_error=_("Tick the box to confirm the close."))
    try:
        actions.close(request.user, proposal.id)
    except (Rejected, NotAMember) as error:
        return _proposal_page(request, proposal, status=getattr(error, "status", 403),
                              ballot_error=getattr(error, "reason", str(error)))
    messages.success(request, _("The vote is closed and counted."))
    return see_other("decision_result", proposal_id=proposal.id)


def decision_result(request, proposal_id: str):
    proposal = _proposal_or_404(proposal_id)
    close = access.close_of(proposal)
    if close is None:
        return error_page(request, _("This vote has not been closed yet."), 404)
    names = members_by_id([close.teller_id])
    return render(request, "decisions/result.html", {
        "proposal": proposal, "close": close, "tally": close.tally,
        "teller": names.get(close.teller_id),
        "ballots_counted": len(close.decision["ballots"]),
        "counts": sorted(close.tally["counts"].items()) if isinstance(
            close.tally["counts"], dict) else [],
    })


@login_required
def delegation_page(request):
    net = default_network() or ""
    member_id = access.member_id_of(request.user)
    members = access.members_of_network(net, excluding=member_id)
    form = forms.DelegateForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            actions.delegate(request.user, topic=form.cleaned_data["topic"],
                             delegate_id=form.cleaned_data["delegate"])
        except (FieldError, Rejected, NotAMember) as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Delegated. A ballot of your own always overrides it."))
            return see_other("decision_delegation")
    current = access.delegations_of(net, member_id)
    delegates = members_by_id(act.delegate_id for act in current)
    for act in current:
        act.delegate = delegates.get(act.delegate_id)
    return render(request, "decisions/delegation.html",
                  {"form": form, "current": current, "topic_max": rules.TOPIC_MAX},
                  status=400 if form.errors else 200)


@login_required
@action_of(lambda: "/decisions/delegation/")
def delegation_revoke(request):
    if not request.POST.get("confirm"):
        return error_page(request, _("Tick the box to confirm the revocation."), 400)
    topic = request.POST.get("topic", "")[: rules.TOPIC_MAX + 1]
    try:
        actions.revoke(request.user, topic=topic)
    except (FieldError, Rejected, NotAMember) as error:
        return error_page(request, getattr(error, "reason", None) or str(error), 400)
    messages.success(request, _("Delegation revoked."))
    return see_other("decision_delegation")
