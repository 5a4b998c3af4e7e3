"""The closing entry types: `decision.sheet` (a teller's bundle of counted entries) and
`decision.close` (the tellers' close, whose result is the tally of exactly what it counts).

What counts is listed in deps, never in data: the log parks an entry until every dep has
arrived, so a close whose ballots have not reached a node waits there instead of being judged
on a partial past, and every node judges it on the same entries. One entry lists at most 16
deps (the proposal and 15 counted entries), so a close of a larger vote names tally sheets, and
sheets may name sheets: a tree whose leaves are ballots and delegation acts.
"""

from commoning.decisions import rules
from commoning.decisions.electorate import view_of
from commoning.decisions.models import Ballot, Close, CountedItem, Delegation, Proposal, TallySheet
from commoning.decisions.tallying import tally_counted
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection


def _counted_deps(entry, proposal: Proposal) -> list[tuple[str, bool]]:
    """(id, is_ballot) of every ballot and delegation the entry counts, sheets flattened; refuses
    a dep that is neither this proposal's ballot, a delegation on its topic dated before the
    close, nor one of its sheets."""
    named = [dep for dep in entry.deps if dep != proposal.id]
    if len(named) > rules.COUNTED_PER_ENTRY:
        raise Rejected(f"list at most {rules.COUNTED_PER_ENTRY} counted entries; use sheets")
    ballots = set(Ballot.objects.filter(id__in=named, proposal_id=proposal.id)
                  .values_list("id", flat=True))
    delegations = set(Delegation.objects.filter(id__in=named, topic=proposal.topic,
                                                ts__lt=proposal.closes_at)
                      .values_list("id", flat=True)) if proposal.topic else set()
    sheets = set(TallySheet.objects.filter(id__in=named, proposal_id=proposal.id)
                 .values_list("id", flat=True))
    unknown = sorted(set(named) - ballots - delegations - sheets)
    if unknown:
        raise Rejected("a close counts only this proposal's ballots, delegations on its topic "
                       "made before it closed, and its tally sheets")
    counted = {item: True for item in ballots} | {item: False for item in delegations}
    for item_id, is_ballot in CountedItem.objects.filter(holder_id__in=sheets).values_list(
            "item_id", "is_ballot"):
        counted[item_id] = is_ballot
    return sorted(counted.items())


def check_counting(entry) -> Proposal:
    """Shared by sheets and closes: a teller of the proposal, at or after its closing time."""
    from commoning.decisions.events import proposal_named

    proposal = proposal_named(entry)
    if set(entry.data) != {"proposal"}:
        raise Rejected("a close or tally sheet carries only the proposal; it counts its deps")
    if member_of(entry) not in view_of(entry.net, proposal.roster_heads).tellers:
        raise Forbidden("only a teller of the association may count a decision")
    # The log already refuses an entry dated before its deps; this refuses one dated before the
    # window ends. Together a close cannot be backdated into the window (decision 0004).
    if entry.ts < proposal.closes_at:
        raise Rejected("the vote is still open; a close must be dated at or after its end")
    _counted_deps(entry, proposal)
    return proposal


def _store_counted(entry, proposal: Proposal) -> list[tuple[str, bool]]:
    counted = _counted_deps(entry, proposal)
    CountedItem.objects.bulk_create(
        [CountedItem(holder_id=entry.id, item_id=item_id, is_ballot=is_ballot)
         for item_id, is_ballot in counted])
    return counted


def apply_sheet(entry):
    proposal = Proposal.objects.get(id=entry.data["proposal"])
    TallySheet.objects.create(id=entry.id, net=entry.net, proposal_id=proposal.id,
                              teller_id=member_of(entry))
    _store_counted(entry, proposal)


def apply_close(entry):
    proposal = Proposal.objects.get(id=entry.data["proposal"])
    counted = _store_counted(entry, proposal)
    decision, outcome = tally_counted(proposal, counted)
    Close.objects.create(id=entry.id, net=entry.net, proposal_id=proposal.id,
                         teller_id=member_of(entry), ts=entry.ts, passed=outcome["passed"],
                         winners=outcome["winners"], tally=outcome, decision=decision)
    # Concurrent closes may both stand; the proposal shows the first by (ts, id), the same
    # on every node whatever order they arrived in.
    if proposal.close_id is None or (entry.ts, entry.id) < (proposal.close_ts, proposal.close_id):
        Proposal.objects.filter(id=proposal.id).update(close_id=entry.id, close_ts=entry.ts)


def register_types():
    register("decision.sheet", check=check_counting, apply=apply_sheet)
    register("decision.close", check=check_counting, apply=apply_close)
    for model in (TallySheet, CountedItem, Close):
        register_projection(model)
