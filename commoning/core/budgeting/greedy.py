"""Greedy selection of a participatory budget: most-approved projects first, within budget.

Projects are taken in order of approvals (most first); a tie goes to the cheaper project, then
to the project id (as numbers when both ids are whole numbers, else by code point). Each is
selected if it still fits in what is left of the budget, and skipped if it no longer does (a
cheaper one further down may still fit). A project nobody approved is never selected.
"""

from commoning.core.budgeting.pabulib import PabulibError, PabulibFile


def _id_order(project_id: str) -> tuple:
    # Pabulib ids are often numbers: "2" before "10", and numbers before other ids.
    return (0, int(project_id), "") if project_id.isdigit() else (1, 0, project_id)


def greedy_selection(budget: int, costs: dict[str, int], approvals: dict[str, int]) -> list[str]:
    """The selected project ids, in the order they were selected."""
    order = sorted(costs, key=lambda p: (-approvals.get(p, 0), costs[p], _id_order(p)))
    selected = []
    left = budget
    for project in order:
        if approvals.get(project, 0) > 0 and costs[project] <= left:
            selected.append(project)
            left -= costs[project]
    return selected


def tally_pabulib(content: PabulibFile) -> dict:
    """Greedy outcome of a Pabulib approval election, as plain JSON values."""
    vote_type = content.meta.get("vote_type", "approval").strip().lower()
    if vote_type != "approval":
        raise PabulibError(f"vote_type is {vote_type!r}; only approval votes are counted")
    costs = content.costs()
    approvals = content.approvals()
    budget = content.budget
    selected = greedy_selection(budget, costs, approvals)
    return {"selected": selected, "budget": budget,
            "spent": sum(costs[project] for project in selected),
            "approvals": approvals, "costs": costs}
