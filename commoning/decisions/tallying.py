"""From what a close counts to the decision file and its tally, by the counting core.

The close's counted ballots and delegation acts become a decision file (the format of
`commoning decide tally`): each voter's latest counted ballot (by their own seq), delegation
resolved by commoning.core.voting.delegation, then `tally_value`. The same file is what
`commoning decide export` writes, so anyone re-tallies it to the same digest.
"""

from commoning.core.voting.delegation import DelegationAct, ballots_for_tally, resolve
from commoning.core.voting.tally import tally_value
from commoning.decisions.electorate import view_of
from commoning.decisions.models import Ballot, Delegation, Proposal


def _latest_per_voter(rows, voter_of):
    """Each voter's latest row by their own (seq, ts, id): a later ballot or act replaces the
    earlier. (ts, id) only orders rows of one member signed by two devices at the same seq."""
    latest = {}
    for row in rows:
        voter = voter_of(row)
        earlier = latest.get(voter)
        if earlier is None or (row.seq, row.ts, row.id) > (earlier.seq, earlier.ts, earlier.id):
            latest[voter] = row
    return latest


def header_of(proposal: Proposal) -> dict:
    return {
        "method": proposal.method, "options": list(proposal.options), "seats": proposal.seats,
        "electorate": proposal.electorate_size, "quorum": proposal.quorum,
        "threshold": {"num": proposal.threshold_num, "den": proposal.threshold_den},
        "score_max": proposal.score_max,
    }


def tally_counted(proposal: Proposal, counted: list[tuple[str, bool]]) -> tuple[dict, dict]:
    """(decision file, outcome) for exactly the counted entries."""
    ballot_ids = [item for item, is_ballot in counted if is_ballot]
    act_ids = [item for item, is_ballot in counted if not is_ballot]
    ballots = _latest_per_voter(Ballot.objects.filter(id__in=ballot_ids), lambda b: b.voter_id)
    acts = _latest_per_voter(Delegation.objects.filter(id__in=act_ids), lambda d: d.voter_id)
    electorate = view_of(proposal.net, proposal.roster_heads).members
    effective = resolve(
        electorate,
        {voter: ballot.content for voter, ballot in ballots.items()},
        [DelegationAct(act.voter_id, act.topic, act.delegate_id, act.seq) for act in acts.values()],
        proposal.topic or None,
    )
    decision = {**header_of(proposal), "ballots": ballots_for_tally(effective)}
    return decision, tally_value(decision)
