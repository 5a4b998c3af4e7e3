"""A round as a Pabulib `.pb` file, and a round opened from one (commoning.core.budgeting
reads and writes the format; this module maps it to rounds).

Export: META (description, currency, budget, vote_type approval, the round's windows),
PROJECTS (project_id is the project's entry id, so `commoning budget tally` breaks ties
exactly as the node does), VOTES (each counted ballot of a closed round; nothing before the
close, whose results are not yet known). Amounts are written in whole currency units when every
one of them is whole, else in minor units (META `cost_unit` says which); the greedy selection does
not change when budget and costs are scaled together.

Import: a steward opens a round from a file's META and PROJECTS. The file's votes were cast by
other people and cannot be signed by us, so they are never imported.
"""

from dataclasses import dataclass

from commoning.budgets import access
from commoning.budgets import rules as R
from commoning.budgets.models import Round
from commoning.budgets.result import counted_ballots, counting_close
from commoning.core.budgeting.pabulib import PabulibError, PabulibFile, read_pb, whole_units

UPLOAD_MAX_BYTES = 2 * 1024 * 1024  # a city's PB file with its votes is well under this


def export_round(round_row: Round) -> str:
    from commoning.core.budgeting.pabulib import write_pb

    projects = list(access.projects_of(round_row))
    scale = 10 ** R.exponent_of(round_row.currency)
    amounts = [round_row.budget_minor, *(p.cost_minor for p in projects)]
    whole = all(amount % scale == 0 for amount in amounts)
    divisor = scale if whole else 1
    content = PabulibFile(
        meta={
            "description": round_row.title,
            "currency": round_row.currency,
            "cost_unit": "whole" if whole else "minor",
            "num_projects": str(len(projects)),
            "budget": str(round_row.budget_minor // divisor),
            "vote_type": "approval",
            "rule": "greedy",
            "proposing_closes_ms": str(round_row.proposing_closes_ms),
            "voting_closes_ms": str(round_row.voting_closes_ms),
        },
        project_columns=["project_id", "cost", "votes", "selected", "name"],
        projects=[{"project_id": p.id, "cost": str(p.cost_minor // divisor),
                   "votes": str(p.votes), "selected": "1" if p.selected_rank else "0",
                   "name": p.title} for p in projects],
    )
    close = counting_close(round_row.id) if round_row.close_id else None
    ballots = counted_ballots(round_row.id, close) if close is not None else []
    project_ids = {p.id for p in projects}
    content.votes = [
        {"voter_id": ballot.voter_id,
         "vote": ",".join(p for p in ballot.approved_ids if p in project_ids)}
        for ballot in sorted(ballots, key=lambda b: b.voter_id)
    ]
    content.meta["num_votes"] = str(len(content.votes))
    return write_pb(content)


@dataclass(frozen=True)
class ImportedRound:
    """What a `.pb` file gives a new round: title, budget and projects, in minor units."""

    title: str
    currency: str
    budget_minor: int
    projects: list[tuple[str, str, int]]  # (source project_id, title, cost in minor units)
    votes_left_out: int


def read_round_file(raw: bytes, *, currency: str) -> ImportedRound:
    """Read a `.pb` upload; raise PabulibError with a plain reason when it cannot be a round."""
    if len(raw) > UPLOAD_MAX_BYTES:
        raise PabulibError(f"the file is larger than {UPLOAD_MAX_BYTES // 1024} KiB")
    content = read_pb(raw)
    file_currency = content.meta.get("currency", "").strip().upper()
    if R.CURRENCY.match(file_currency):
        currency = file_currency
    minor = content.meta.get("cost_unit", "whole").strip() == "minor"
    scale = 1 if minor else 10 ** R.exponent_of(currency)
    budget = content.budget * scale
    if not 1 <= budget <= R.AMOUNT_MAX:
        raise PabulibError("the budget is out of bounds")
    if not content.projects:
        raise PabulibError("the file lists no projects")
    if len(content.projects) > R.PROJECTS_MAX:
        raise PabulibError(f"the file lists more than {R.PROJECTS_MAX} projects")
    projects = []
    for row in content.projects:
        source_id = row["project_id"][:64]
        cost = whole_units(row["cost"], f"cost of {source_id}") * scale
        if not 1 <= cost <= budget:
            raise PabulibError(f"project {source_id} costs nothing or more than the budget")
        title = (row.get("name") or row.get("title") or "").strip() or f"Project {source_id}"
        projects.append((source_id, title[: R.TITLE_MAX], cost))
    title = " ".join((content.meta.get("description") or content.meta.get("unit") or "")
                     .split())[: R.TITLE_MAX] or "Imported round"
    return ImportedRound(title, currency, budget, projects, len(content.votes))
