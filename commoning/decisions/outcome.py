"""The decision other apps enact: `outcome_of(net, close_id)`.

"The decision" an enactment, a payment or an election names in deps is the close entry id.
The outcome is the projection the close's apply stored: the core's tally of exactly the ballots
and delegations the close counts, so it depends only on the close's causal past.
"""

from dataclasses import dataclass

from commoning.core.fields import HEX_ID
from commoning.decisions.models import Close, Proposal


@dataclass(frozen=True)
class DecisionOutcome:
    proposal_id: str
    close_id: str
    kind: str  # the decision kind: ordinary, statutes, election, spending
    passed: bool | None  # None for methods that elect (approval, score, irv, schulze, stv)
    winners: list[str]
    effect: dict | None  # the proposal's effect, as proposed
    tally: dict  # the core's outcome, digest included


def outcome_of(net: str, close_id: str) -> DecisionOutcome | None:
    """The outcome a close entry decided, or None if the id is no applied close of `net`."""
    if not isinstance(close_id, str) or not HEX_ID.match(close_id):
        return None
    close = Close.objects.filter(id=close_id, net=net).first()
    if close is None:
        return None
    proposal = Proposal.objects.get(id=close.proposal_id)
    return DecisionOutcome(
        proposal_id=proposal.id, close_id=close.id, kind=proposal.kind, passed=close.passed,
        winners=list(close.winners), effect=proposal.effect, tally=close.tally,
    )
