"""API of participatory budgets: rounds, projects, ballots, close, result, Pabulib export."""

from typing import Annotated

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import KeysetPagination, TokenAuth
from commoning.budgets import access, actions
from commoning.budgets import rules as R
from commoning.budgets.models import Project
from commoning.budgets.pabulib_io import export_round
from commoning.log import clock

router = Router(tags=["budgets"])


class RoundOut(Schema):
    id: str
    title: str
    currency: str
    budget_minor: int
    proposing_closes_ms: int
    voting_closes_ms: int
    opened_by: str
    imported: bool
    created_ts: int
    project_count: int
    phase: str = Field(description="proposing, voting, counting (voting over, not yet closed) "
                                   "or closed")
    close_id: str
    ballots_counted: int
    spent_minor: int

    @staticmethod
    def resolve_phase(round_row):
        return access.phase_of(round_row, clock.now_ms())


class ProjectOut(Schema):
    id: str
    title: str
    description: str
    cost_minor: int
    proposer_id: str
    source_id: str
    created_ts: int
    votes: int = Field(description="Approvals counted by the close; 0 before it.")
    selected_rank: int | None = Field(description="1, 2, ... in the order funded; null if not.")


class RoundIn(Schema):
    title: str = Field(..., max_length=R.TITLE_MAX)
    budget_minor: int = Field(..., ge=1, le=R.AMOUNT_MAX, description="In minor units (cents).")
    currency: str = Field("EUR", min_length=3, max_length=3)
    proposing_closes_ms: int = Field(..., ge=0, le=2**53)
    voting_closes_ms: int = Field(..., ge=0, le=2**53)


class ProjectIn(Schema):
    title: str = Field(..., max_length=R.TITLE_MAX)
    cost_minor: int = Field(..., ge=1, le=R.AMOUNT_MAX)
    description: str = Field("", max_length=R.DESCRIPTION_MAX)


class BallotIn(Schema):
    approve: list[Annotated[str, Field(max_length=64)]] = Field(..., max_length=R.APPROVALS_MAX,
                               description="Ids of the projects you approve (any number; a "
                                           "later ballot replaces your earlier one).")


class BallotOut(Schema):
    id: str
    round_id: str
    voter_id: str
    approved_ids: list[str]


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


def _round(round_id: str):
    found = access.get_round(_net(), round_id)
    if found is None:
        raise Http404(_("No such budgeting round."))
    return found


@router.get("", response=list[RoundOut])
@paginate(KeysetPagination)
def list_rounds(request):
    """Budgeting rounds of the network, newest first."""
    return access.rounds_in(_net())


@router.get("/{round_id}", response=RoundOut)
def get_round(request, round_id: str):
    """One budgeting round: its budget, windows and phase."""
    return _round(round_id)


@router.get("/{round_id}/projects", response=list[ProjectOut])
@paginate(KeysetPagination)
def list_projects(request, round_id: str):
    """A round's projects; after the close, ranked as counted (most votes first, then cheaper,
    then by id; `selected_rank` says which were funded)."""
    round_row = _round(round_id)
    projects = Project.objects.filter(round_id=round_row.id)
    if round_row.close_id:
        return projects.order_by("-votes", "cost_minor", "id")
    return projects.order_by("created_ts", "id")


@router.get("/{round_id}/round.pb")
def export_pabulib(request, round_id: str):
    """The round as a Pabulib file: `commoning budget tally` on it prints the round's result."""
    response = HttpResponse(export_round(_round(round_id)),
                            content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round-{round_id[:12]}.pb"'
    return response


@router.post("", response={201: RoundOut}, auth=TokenAuth())
def open_round(request, payload: RoundIn):
    """Open a round (a steward): a `budget.round` entry naming the association's roster."""
    return Status(201, actions.open_round(request.auth, **payload.dict()))


@router.post("/{round_id}/projects", response={201: ProjectOut}, auth=TokenAuth())
def propose_project(request, round_id: str, payload: ProjectIn):
    """Propose a project while proposing is open (members of the round's electorate)."""
    return Status(201, actions.propose_project(request.auth, round_id, **payload.dict()))


@router.post("/{round_id}/ballots", response={201: BallotOut}, auth=TokenAuth())
def cast_ballot(request, round_id: str, payload: BallotIn):
    """Approve projects while voting is open; your latest ballot counts."""
    return Status(201, actions.cast_ballot(request.auth, round_id, approve=payload.approve))


@router.post("/{round_id}/close", response=RoundOut, auth=TokenAuth())
def close_round(request, round_id: str):
    """Close after the voting window (a teller); the result is counted from the ballots listed."""
    return actions.close_round(request.auth, round_id)
