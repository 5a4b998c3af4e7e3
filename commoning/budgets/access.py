"""The only reads of participatory budgets that views, API and CLI use."""

from dataclasses import dataclass

from commoning.budgets import electorate
from commoning.budgets.models import Ballot, Project, Round
from commoning.core.fields import HEX_ID

PROPOSING, VOTING, COUNTING, CLOSED = "proposing", "voting", "counting", "closed"


def rounds_in(net: str):
    """The rounds of a network, newest first."""
    return Round.objects.filter(net=net).order_by("-created_ts", "id")


def get_round(net: str, round_id: str) -> Round | None:
    """A round of this network, or None (the same for absent, other network and not an id)."""
    if not isinstance(round_id, str) or not HEX_ID.match(round_id):
        return None
    return Round.objects.filter(net=net, id=round_id).first()


def phase_of(round_row: Round, now_ms: int) -> str:
    """Where a round stands at `now_ms`: derived at read time, never stored (a projection does
    not read the clock); only a close makes it final."""
    if round_row.close_id:
        return CLOSED
    if now_ms <= round_row.proposing_closes_ms:
        return PROPOSING
    if now_ms <= round_row.voting_closes_ms:
        return VOTING
    return COUNTING


def projects_of(round_row: Round):
    """A round's projects in the order proposed (a round holds at most a few hundred)."""
    return Project.objects.filter(round_id=round_row.id).order_by("created_ts", "id")


def result_of(round_row: Round) -> list[Project]:
    """A closed round's projects as the count ranked them: most votes first, then cheaper,
    then by id (the greedy rule's order), each with `selected_rank` or None (skipped)."""
    from commoning.core.budgeting.greedy import _id_order

    projects = list(projects_of(round_row))
    return sorted(projects, key=lambda p: (-p.votes, p.cost_minor, _id_order(p.id)))


def latest_ballot_ids(round_id: str) -> list[str]:
    """Each voter's latest ballot in a round (by ts, seq, id), sorted: what a close lists."""
    latest: dict[str, tuple] = {}
    for voter, ts, seq, ballot_id in Ballot.objects.filter(round_id=round_id).values_list(
            "voter_id", "ts", "seq", "id"):
        if voter not in latest or (ts, seq, ballot_id) > latest[voter]:
            latest[voter] = (ts, seq, ballot_id)
    return sorted(kept[2] for kept in latest.values())


def ballot_of(round_row: Round, member_id: str | None) -> Ballot | None:
    """A member's latest ballot in a round, or None."""
    if member_id is None:
        return None
    return (Ballot.objects.filter(round_id=round_row.id, voter_id=member_id)
            .order_by("-ts", "-seq", "-id").first())


@dataclass(frozen=True)
class Standing:
    """What a member may do in a round, from the association frozen at its opening."""

    member: bool
    teller: bool


def standing_in(round_row: Round, member_id: str | None) -> Standing:
    seen = electorate.round_view(round_row)
    if seen is None or member_id is None:
        return Standing(False, False)
    return Standing(member_id in seen.members, member_id in seen.tellers)


def may_open_round(net: str, member_id: str | None) -> bool:
    seen = electorate.view(net, electorate.current_heads(net))
    return seen is not None and member_id in seen.stewards
