"""The only reads of decisions that views, API and CLI use."""

from commoning.accounts.access import current_member
from commoning.core.fields import HEX_ID
from commoning.decisions.models import Ballot, Close, Delegation, Proposal


def get_proposal(net: str, proposal_id) -> Proposal | None:
    """A proposal of this network, or None (the same for absent, other network, not an id)."""
    if not isinstance(proposal_id, str) or not HEX_ID.match(proposal_id):
        return None
    return Proposal.objects.filter(net=net, id=proposal_id).first()


def proposals_in(net: str, state: str = ""):
    """Proposals newest first; `state` "open" or "closed" keeps those (by whether a close is
    known, not by the clock: a vote past its end stays listed open until a teller closes it)."""
    queryset = Proposal.objects.filter(net=net).order_by("-created_ts", "id")
    if state == "open":
        queryset = queryset.filter(close_id__isnull=True)
    elif state == "closed":
        queryset = queryset.filter(close_id__isnull=False)
    return queryset


def member_id_of(user) -> str | None:
    member = current_member(user)
    return member.id if member else None


def latest_ballot_of(proposal: Proposal, member_id: str | None) -> Ballot | None:
    if member_id is None:
        return None
    return (Ballot.objects.filter(proposal_id=proposal.id, voter_id=member_id)
            .order_by("-seq", "-ts", "-id").first())


def close_of(proposal: Proposal) -> Close | None:
    if proposal.close_id is None:
        return None
    return Close.objects.filter(id=proposal.close_id).first()


def voters_so_far(proposal: Proposal) -> int:
    return Ballot.objects.filter(proposal_id=proposal.id).values("voter_id").distinct().count()


def members_of_network(net: str, excluding: str | None = None, limit: int = 500):
    """Members one may delegate to (by name; a delegate outside a vote's electorate simply
    does not carry the vote)."""
    from commoning.accounts.models import Member

    return list(Member.objects.filter(net=net).exclude(id=excluding or "").order_by("name", "id")
                [:limit])


def delegations_of(net: str, member_id: str | None, limit: int = 200) -> list:
    """The member's standing delegations: their latest act per topic, when it delegates."""
    if member_id is None:
        return []
    latest = {}
    acts = (Delegation.objects.filter(net=net, voter_id=member_id)
            .order_by("-seq", "-ts", "-id")[: limit * 4])
    for act in acts:
        latest.setdefault(act.topic, act)
    return sorted((act for act in latest.values() if act.delegate_id), key=lambda a: a.topic)[
        :limit]
