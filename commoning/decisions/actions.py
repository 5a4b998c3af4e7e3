"""The only write paths of decisions: propose, vote, delegate, revoke, close. Each is
`@atomic_action`: a close and its tally sheets commit together or not at all."""

from commoning.accounts.access import signing_key_for
from commoning.core import fields
from commoning.decisions import access, rules
from commoning.decisions.electorate import current_roster_heads, view_of
from commoning.decisions.models import Ballot, Delegation, Proposal
from commoning.log import clock
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.registry import Forbidden, Rejected


@atomic_action
def propose(user, *, question: str, method: str, closes_at: int, options=(), kind=None,
            seats=None, quorum=None, threshold=None, score_max=None, topic="",
            hide_results=False, effect=None) -> Proposal:
    """Open a proposal; its electorate is the association as this node knows it now."""
    account, key = signing_key_for(user)
    data = {"question": fields.clean_text(question, "question", max_length=rules.QUESTION_MAX),
            "method": method, "closes_at": closes_at}
    if method not in rules.YES_NO_METHODS:
        data["options"] = [fields.clean_text(option, "options", max_length=rules.OPTION_MAX)
                           for option in options]
    optional = {"kind": kind, "seats": seats, "quorum": quorum, "threshold": threshold,
                "score_max": score_max, "effect": effect}
    data.update({name: value for name, value in optional.items() if value is not None})
    if topic:
        data["topic"] = fields.clean_text(topic, "topic", max_length=rules.TOPIC_MAX)
    if hide_results:
        data["hide_results"] = True
    if type(closes_at) is not int or closes_at < clock.now_ms() + rules.WINDOW_MIN_MS:
        raise fields.FieldError("closes_at", "must be at least a minute from now")
    entry = append(key, net=account.net, type="decision.propose", data=data,
                   deps=current_roster_heads(account.net))
    return Proposal.objects.get(id=entry.id)


def _open_proposal(account, proposal_id: str) -> Proposal:
    proposal = access.get_proposal(account.net, proposal_id)
    if proposal is None:
        raise Rejected("no such proposal", status=404)
    return proposal


@atomic_action
def vote(user, proposal_id: str, content: dict) -> Ballot:
    """Cast (or replace) the member's ballot; `content` is the ballot without voter."""
    account, key = signing_key_for(user)
    proposal = _open_proposal(account, proposal_id)
    if proposal.close_id is not None or clock.now_ms() >= proposal.closes_at:
        raise Rejected("the vote on this proposal has closed", status=409)
    entry = append(key, net=account.net, type="decision.ballot",
                   data={"proposal": proposal.id, **content}, deps=[proposal.id])
    return Ballot.objects.get(id=entry.id)


@atomic_action
def delegate(user, *, topic: str, delegate_id: str) -> Delegation:
    account, key = signing_key_for(user)
    data = {"topic": fields.clean_text(topic, "topic", max_length=rules.TOPIC_MAX),
            "delegate": delegate_id}
    entry = append(key, net=account.net, type="decision.delegate", data=data)
    return Delegation.objects.get(id=entry.id)


@atomic_action
def revoke(user, *, topic: str) -> Delegation:
    account, key = signing_key_for(user)
    data = {"topic": fields.clean_text(topic, "topic", max_length=rules.TOPIC_MAX)}
    entry = append(key, net=account.net, type="decision.revoke", data=data)
    return Delegation.objects.get(id=entry.id)


def _counted_now(proposal: Proposal, electorate) -> list[str]:
    """What a close counts: each voter's latest ballot, and each elector's latest delegation
    act on the proposal's topic made before it closed."""
    latest = {}
    for ballot in Ballot.objects.filter(proposal_id=proposal.id).order_by("seq", "ts", "id"):
        latest[ballot.voter_id] = ballot.id
    counted = sorted(latest.values())
    if proposal.topic:
        acts = {}
        for act in (Delegation.objects.filter(net=proposal.net, topic=proposal.topic,
                                              ts__lt=proposal.closes_at,
                                              voter_id__in=electorate)
                    .order_by("seq", "ts", "id")):
            acts[act.voter_id] = act.id
        counted += sorted(acts.values())
    return counted


@atomic_action
def close(user, proposal_id: str):
    """Close a vote (a teller, after its end): tally sheets for what does not fit in one
    entry's deps, then the close; returns the close entry."""
    account, key = signing_key_for(user)
    proposal = _open_proposal(account, proposal_id)
    view = view_of(account.net, proposal.roster_heads)
    if access.member_id_of(user) not in view.tellers:
        raise Forbidden("only a teller of the association may close a vote")
    if clock.now_ms() < proposal.closes_at:
        raise Rejected("the vote is still open", status=409)
    if proposal.close_id is not None:
        raise Rejected("this vote is already closed", status=409)
    level = _counted_now(proposal, view.members)
    width = rules.COUNTED_PER_ENTRY
    assert width >= 2, "sheets of one entry would never shrink a level"
    while len(level) > width:
        level = [append(key, net=account.net, type="decision.sheet",
                        data={"proposal": proposal.id},
                        deps=[proposal.id, *level[start:start + width]]).id
                 for start in range(0, len(level), width)]
    return append(key, net=account.net, type="decision.close", data={"proposal": proposal.id},
                  deps=[proposal.id, *level])
