"""API of decisions: list, show, propose, vote, delegate, revoke, close, result, export."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from commoning.accounts.actions import default_network
from commoning.apikit import KeysetPagination, TokenAuth
from commoning.core import limits
from commoning.decisions import access, actions, export, rules
from commoning.decisions.outcome import outcome_of

router = Router(tags=["decisions"])


class ProposalOut(Schema):
    id: str
    proposer_id: str
    question: str
    kind: str
    method: str
    options: list[str]
    seats: int
    quorum: int
    threshold_num: int
    threshold_den: int
    score_max: int
    topic: str
    hide_results: bool
    effect: dict | None
    electorate_size: int
    created_ts: int
    closes_at: int
    close_id: str | None


class Threshold(Schema):
    num: int = Field(..., ge=0, le=limits.MAX_THRESHOLD_DENOMINATOR)
    den: int = Field(..., ge=1, le=limits.MAX_THRESHOLD_DENOMINATOR)


class ProposalIn(Schema):
    question: str = Field(..., max_length=rules.QUESTION_MAX)
    method: str = Field(..., max_length=20, examples=["majority"])
    closes_at: int = Field(..., ge=0, le=2**53, description="Milliseconds since the epoch.")
    options: list[str] = Field([], max_length=rules.OPTIONS_MAX)
    kind: str | None = Field(None, max_length=20)
    seats: int | None = Field(None, ge=1, le=rules.OPTIONS_MAX)
    quorum: int | None = Field(None, ge=0, le=2**53,
                               description="Ballots needed; the statutes' default if absent.")
    threshold: Threshold | None = None
    score_max: int | None = Field(None, ge=1, le=rules.SCORE_MAX_LIMIT)
    topic: str = Field("", max_length=rules.TOPIC_MAX)
    hide_results: bool = False
    effect: dict | None = Field(None, description="What a passed decision sets in motion.")


class BallotIn(Schema):
    """One of: choice (+ reason), approve, scores, ranking, as the proposal's method takes."""

    choice: str | None = Field(None, max_length=10)
    reason: str | None = Field(None, max_length=rules.REASON_MAX)
    approve: list[str] | None = Field(None, max_length=rules.OPTIONS_MAX)
    scores: dict[str, int] | None = None
    ranking: list[str] | None = Field(None, max_length=rules.OPTIONS_MAX)


class BallotOut(Schema):
    id: str
    proposal_id: str
    voter_id: str
    content: dict


class DelegateIn(Schema):
    topic: str = Field(..., max_length=rules.TOPIC_MAX)
    delegate: str = Field(..., max_length=64)


class RevokeIn(Schema):
    topic: str = Field(..., max_length=rules.TOPIC_MAX)


class DelegationOut(Schema):
    id: str
    topic: str
    delegate_id: str | None


class CloseOut(Schema):
    close_id: str


class OutcomeOut(Schema):
    proposal_id: str
    close_id: str
    kind: str
    passed: bool | None
    winners: list[str]
    effect: dict | None
    tally: dict


def _net() -> str:
    net = default_network()
    if net is None:
        raise Http404(_("This node serves no network yet."))
    return net


def _proposal(proposal_id: str):
    proposal = access.get_proposal(_net(), proposal_id)
    if proposal is None:
        raise Http404(_("No such proposal."))
    return proposal


@router.get("", response=list[ProposalOut])
@paginate(KeysetPagination)
def list_proposals(request, state: str = ""):
    """Proposals, newest first; `state` "open" or "closed" keeps those."""
    return access.proposals_in(_net(), state[:10])


@router.post("", response={201: ProposalOut}, auth=TokenAuth())
def propose(request, payload: ProposalIn):
    """Open a proposal (a `decision.propose` entry); the electorate is frozen now."""
    data = payload.dict()
    if data["threshold"] is None:
        del data["threshold"]
    return Status(201, actions.propose(request.auth, **data))


@router.post("/delegations", response={201: DelegationOut}, auth=TokenAuth())
def delegate(request, payload: DelegateIn):
    """Delegate your vote on a topic to another member (revocable)."""
    return Status(201, actions.delegate(request.auth, topic=payload.topic,
                                        delegate_id=payload.delegate))


@router.post("/delegations/revoke", response={201: DelegationOut}, auth=TokenAuth())
def revoke(request, payload: RevokeIn):
    """Revoke your delegation on a topic."""
    return Status(201, actions.revoke(request.auth, topic=payload.topic))


@router.get("/{proposal_id}", response=ProposalOut)
def get_proposal(request, proposal_id: str):
    """One proposal: its question, options, method, electorate size, window and state."""
    return _proposal(proposal_id)


@router.post("/{proposal_id}/ballots", response={201: BallotOut}, auth=TokenAuth())
def vote(request, proposal_id: str, payload: BallotIn):
    """Cast or replace your ballot (a later ballot replaces the earlier)."""
    content = {key: value for key, value in payload.dict().items() if value is not None}
    return Status(201, actions.vote(request.auth, _proposal(proposal_id).id, content))


@router.post("/{proposal_id}/close", response={201: CloseOut}, auth=TokenAuth())
def close(request, proposal_id: str):
    """Close and count (a teller, after the vote's end)."""
    return Status(201, {"close_id": actions.close(request.auth, _proposal(proposal_id).id).id})


@router.get("/{proposal_id}/result", response=OutcomeOut)
def result(request, proposal_id: str):
    """The outcome of the first close: counts, rounds, quorum, digest."""
    proposal = _proposal(proposal_id)
    outcome = outcome_of(proposal.net, proposal.close_id or "")
    if outcome is None:
        raise Http404(_("This vote has not been closed yet."))
    return outcome


@router.get("/{proposal_id}/export")
def export_file(request, proposal_id: str):
    """The decision file that `commoning decide tally` re-counts to the same digest."""
    try:
        return export.decision_file(_net(), proposal_id)
    except export.NotClosed as error:
        raise Http404(str(error)) from error
