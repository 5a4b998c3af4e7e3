"""The result of a round: a projection of its counting close, recomputed whenever what it
depends on changes.

The close that counts is the earliest by (ts, author, id) among the round's closes (two
tellers may close at once). It lists the ballots that count; of those, each voter's latest
(by ts, then their own seq, then id: within one feed that is the seq order) is counted, and
only for projects of the round. Winners are chosen by the core's greedy rule
(commoning.core.budgeting.greedy): most approvals first; a tie goes to the cheaper project,
then to the lower project id; a project that no longer fits is skipped and a cheaper one
further down may still fit; a project nobody approved is never selected.

A listed ballot or a project may arrive after the close (delivery order is free): its apply
calls `recount_if_closed` or `recount_if_listed`, so the same set of entries always gives the
same result.
"""

from commoning.budgets.models import Ballot, Close, Project, Round
from commoning.core.budgeting.greedy import greedy_selection


def counting_close(round_id: str) -> Close | None:
    return Close.objects.filter(round_id=round_id).order_by("clock").first()


def counted_ballots(round_id: str, close: Close) -> list[Ballot]:
    """Each voter's latest ballot among those the close lists."""
    listed = close.ballot_ids
    latest: dict[str, Ballot] = {}
    for ballot in Ballot.objects.filter(round_id=round_id, id__in=listed):
        kept = latest.get(ballot.voter_id)
        if kept is None or (ballot.ts, ballot.seq, ballot.id) > (kept.ts, kept.seq, kept.id):
            latest[ballot.voter_id] = ballot
    return list(latest.values())


def approvals_of(projects, ballots) -> dict[str, int]:
    approvals = dict.fromkeys(projects, 0)
    for ballot in ballots:
        for project_id in ballot.approved_ids:
            if project_id in approvals:
                approvals[project_id] += 1
    return approvals


def recount(round_id: str) -> None:
    round_row = Round.objects.filter(id=round_id).first()
    close = counting_close(round_id)
    if round_row is None or close is None:
        return
    costs = dict(Project.objects.filter(round_id=round_id).values_list("id", "cost_minor"))
    ballots = counted_ballots(round_id, close)
    approvals = approvals_of(costs, ballots)
    selected = greedy_selection(round_row.budget_minor, costs, approvals)
    rank_of = {project_id: rank for rank, project_id in enumerate(selected, 1)}
    changed = [
        Project(id=project_id, votes=approvals[project_id], selected_rank=rank_of.get(project_id))
        for project_id in costs
    ]
    Project.objects.bulk_update(changed, ["votes", "selected_rank"], batch_size=500)
    Round.objects.filter(id=round_id).update(
        close_id=close.id, closed_ts=close.ts, ballots_counted=len(ballots),
        spent_minor=sum(costs[project_id] for project_id in selected),
    )


def recount_if_closed(round_id: str) -> None:
    """A project arriving after a close of its round (delivery order is free) may change it."""
    if Close.objects.filter(round_id=round_id).exists():
        recount(round_id)


def recount_if_listed(round_id: str, ballot_id: str) -> None:
    """A ballot changes the result only if a close lists it; any other is never counted, so a
    flood of ballots written after the close costs no recount."""
    if Close.objects.filter(round_id=round_id, ballots__contains=ballot_id).exists():
        recount(round_id)
