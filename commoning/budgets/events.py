"""Entry types of participatory budgets: `budget.round`, `budget.project`, `budget.ballot` and
`budget.close`. Each rule reads only the entry and its causal past: the round it names (in
deps) and the association frozen at the round's roster heads (electorate.py).

Time rules (architecture, section 8): a project's `ts` must be at most the proposing close, a
ballot's in the voting window, a close's at least the voting close. An author can date an entry
no earlier than what it relies on (the log rule), and an entry dated more than ten minutes ahead
waits for its time; so nobody closes a round early, and a late ballot dated back into the
window counts only if the teller's close lists it (the close lists exactly which ballots count).
"""

from django.db.models import F

from commoning.accounts.events import field_clock
from commoning.budgets import electorate, result
from commoning.budgets import rules as R
from commoning.budgets.models import Ballot, Close, Project, Round
from commoning.core import fields
from commoning.core.fields import HEX_ID
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection


def _amount(data: dict, field: str, maximum: int = R.AMOUNT_MAX) -> int:
    return fields.integer(data, field, minimum=1, maximum=maximum)


def _ids(data: dict, field: str, maximum: int) -> list[str]:
    """A sorted list of distinct entry ids (one spelling per set, so one payload per choice)."""
    value = data.get(field)
    if not isinstance(value, list) or len(value) > maximum:
        raise fields.FieldError(field, f"must be a list of at most {maximum} entry ids")
    if not all(isinstance(item, str) and HEX_ID.match(item) for item in value):
        raise fields.FieldError(field, "must hold 64-character lowercase hex ids")
    if value != sorted(set(value)):
        raise fields.FieldError(field, "must be sorted, each id once")
    return value


def round_named(entry) -> Round:
    """The round an entry names; it must be in deps (its causal past) and valid."""
    round_id = fields.entry_id(entry.data, "round")
    if round_id not in entry.deps:
        raise Rejected("the entry must list its round in deps")
    found = Round.objects.filter(id=round_id, net=entry.net).first()
    if found is None:
        raise Rejected("no such budgeting round in this network")
    return found


# -- rounds ----------------------------------------------------------------------------------------
ROUND_FIELDS = {"title", "budget", "currency", "proposing_closes", "voting_closes", "imported"}


def check_round(entry):
    fields.only_fields(entry.data, ROUND_FIELDS, ROUND_FIELDS - {"imported"})
    fields.text(entry.data, "title", max_length=R.TITLE_MAX)
    _amount(entry.data, "budget")
    if not isinstance(entry.data["currency"], str) or not R.CURRENCY.match(entry.data["currency"]):
        raise fields.FieldError("currency", "must be three capital letters (ISO 4217)")
    proposing = fields.integer(entry.data, "proposing_closes", minimum=entry.ts + 1,
                               maximum=entry.ts + R.WINDOW_MAX_MS)
    fields.integer(entry.data, "voting_closes", minimum=proposing + 1,
                   maximum=entry.ts + R.WINDOW_MAX_MS)
    if entry.data.get("imported", True) is not True:
        raise fields.FieldError("imported", "is true or absent")
    seen = electorate.view(entry.net, electorate.heads_of(entry))
    if seen is None:
        raise Rejected("a round must name the association's roster in deps")
    if member_of(entry) not in seen.stewards:
        raise Forbidden("only a steward of the association may open a budgeting round")


def apply_round(entry):
    data = entry.data
    Round.objects.create(
        id=entry.id, net=entry.net, title=data["title"], currency=data["currency"],
        budget_minor=data["budget"], proposing_closes_ms=data["proposing_closes"],
        voting_closes_ms=data["voting_closes"], opened_by=member_of(entry),
        roster_heads=",".join(electorate.heads_of(entry)), imported="imported" in data,
        created_ts=entry.ts,
    )


# -- projects --------------------------------------------------------------------------------------
def check_project(entry):
    fields.only_fields(entry.data, {"round", "title", "cost", "description", "source_id"},
                       {"round", "title", "cost"})
    found = round_named(entry)
    fields.text(entry.data, "title", max_length=R.TITLE_MAX)
    _amount(entry.data, "cost", maximum=found.budget_minor)
    if "description" in entry.data:
        fields.text(entry.data, "description", max_length=R.DESCRIPTION_MAX, multiline=True)
    if "source_id" in entry.data:
        fields.text(entry.data, "source_id", max_length=64)
    if entry.ts > found.proposing_closes_ms:
        raise Rejected("proposing in this round is closed")
    seen = electorate.round_view(found)
    if seen is None or member_of(entry) not in seen.members:
        raise Forbidden("only members of the association when the round opened may propose")


def apply_project(entry):
    data = entry.data
    Project.objects.create(
        id=entry.id, net=entry.net, round_id=data["round"], title=data["title"],
        description=data.get("description", ""), cost_minor=data["cost"],
        proposer_id=member_of(entry), source_id=data.get("source_id", ""), created_ts=entry.ts,
    )
    Round.objects.filter(id=data["round"]).update(project_count=F("project_count") + 1)
    result.recount_if_closed(data["round"])


# -- ballots ---------------------------------------------------------------------------------------
def check_ballot(entry):
    fields.only_fields(entry.data, {"round", "approve"}, {"round", "approve"})
    found = round_named(entry)
    # Which approved ids are projects of the round is settled at the count: a ballot approves
    # up to 200 projects and deps hold 16, so they cannot all be in its causal past.
    _ids(entry.data, "approve", R.APPROVALS_MAX)
    if entry.ts <= found.proposing_closes_ms:
        raise Rejected("voting in this round has not opened yet")
    if entry.ts > found.voting_closes_ms:
        raise Rejected("voting in this round is closed")
    seen = electorate.round_view(found)
    if seen is None or member_of(entry) not in seen.members:
        raise Forbidden("only members of the association when the round opened may vote")


def apply_ballot(entry):
    Ballot.objects.create(
        id=entry.id, net=entry.net, round_id=entry.data["round"], voter_id=member_of(entry),
        author=entry.author, seq=entry.seq, ts=entry.ts, approve=",".join(entry.data["approve"]),
    )
    result.recount_if_listed(entry.data["round"], entry.id)


# -- closes ----------------------------------------------------------------------------------------
def check_close(entry):
    fields.only_fields(entry.data, {"round", "ballots"}, {"round", "ballots"})
    found = round_named(entry)
    _ids(entry.data, "ballots", R.CLOSE_BALLOTS_MAX)
    if entry.ts < found.voting_closes_ms:
        raise Rejected("a round closes only after its voting window")
    seen = electorate.round_view(found)
    if seen is None or member_of(entry) not in seen.tellers:
        raise Forbidden("only a teller of the association may close a round")


def apply_close(entry):
    Close.objects.create(
        id=entry.id, net=entry.net, round_id=entry.data["round"], teller_id=member_of(entry),
        clock=field_clock(entry), ts=entry.ts, ballots=",".join(entry.data["ballots"]),
    )
    result.recount(entry.data["round"])


register("budget.round", check=check_round, apply=apply_round)
register("budget.project", check=check_project, apply=apply_project)
register("budget.ballot", check=check_ballot, apply=apply_ballot)
register("budget.close", check=check_close, apply=apply_close)
for model in (Round, Project, Ballot, Close):
    register_projection(model)
