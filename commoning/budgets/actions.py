"""The only write paths of participatory budgets: open a round, propose a project, vote,
close. Each is `@atomic_action` (commoning/log/atomic.py). They check what the present allows
(windows by this node's clock, membership now) and leave the rest to the entry types' rules,
which decide the same for every node."""

from django.utils.translation import gettext as _

from commoning.accounts.access import actor_for
from commoning.budgets import access, electorate
from commoning.budgets import rules as R
from commoning.budgets.models import Ballot, Project, Round
from commoning.core import fields
from commoning.log import clock
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.registry import Forbidden, Rejected


def _amount(value, field: str, maximum: int = R.AMOUNT_MAX) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= maximum:
        raise fields.FieldError(field, _("must be a whole number of minor units from 1 to %(max)s")
                                % {"max": maximum})
    return value


def _round_or_404(net: str, round_id: str) -> Round:
    found = access.get_round(net, round_id)
    if found is None:
        raise Rejected(_("No such budgeting round."), status=404)
    return found


def _in_electorate(round_row: Round, member_id: str, doing: str) -> None:
    # The rule says the same; checking first turns its refusal into a 403 with plain words.
    seen = electorate.round_view(round_row)
    if seen is None or member_id not in seen.members:
        raise Forbidden(_("Only members of the association when the round opened may %(act)s.")
                        % {"act": doing})


@atomic_action
def open_round(user, *, title: str, budget_minor: int, currency: str, proposing_closes_ms: int,
               voting_closes_ms: int, imported: bool = False) -> Round:
    net, member_id, key = actor_for(user)
    heads = electorate.current_heads(net)
    seen = electorate.view(net, heads)
    if seen is None or member_id not in seen.stewards:
        raise Forbidden(_("Only a steward of the association may open a budgeting round."))
    now = clock.now_ms()
    currency = fields.clean_text(currency, "currency", max_length=3).upper()
    if not R.CURRENCY.match(currency):
        raise fields.FieldError("currency", _("must be three capital letters, like EUR"))
    if not now < proposing_closes_ms <= now + R.WINDOW_MAX_MS:
        raise fields.FieldError("proposing_closes", _("must be in the future, within a year"))
    if not proposing_closes_ms < voting_closes_ms <= now + R.WINDOW_MAX_MS:
        raise fields.FieldError("voting_closes",
                                _("must come after proposing closes, within a year"))
    data = {
        "title": fields.clean_text(title, "title", max_length=R.TITLE_MAX),
        "budget": _amount(budget_minor, "budget"),
        "currency": currency,
        "proposing_closes": proposing_closes_ms,
        "voting_closes": voting_closes_ms,
    }
    if imported:
        data["imported"] = True
    entry = append(key, net=net, type="budget.round", data=data, deps=heads)
    return Round.objects.get(id=entry.id)


@atomic_action
def propose_project(user, round_id: str, *, title: str, cost_minor: int, description: str = "",
                    source_id: str = "") -> Project:
    net, member_id, key = actor_for(user)
    round_row = _round_or_404(net, round_id)
    if clock.now_ms() > round_row.proposing_closes_ms:
        raise Rejected(_("Proposing in this round is closed."), status=409)
    if round_row.project_count >= R.PROJECTS_MAX:
        raise Rejected(_("This round has as many projects as it can take."), status=409)
    _in_electorate(round_row, member_id, _("propose projects"))
    data = {
        "round": round_id,
        "title": fields.clean_text(title, "title", max_length=R.TITLE_MAX),
        "cost": _amount(cost_minor, "cost", maximum=round_row.budget_minor),
    }
    description = fields.clean_text(description, "description", max_length=R.DESCRIPTION_MAX,
                                    min_length=0, multiline=True)
    if description:
        data["description"] = description
    if source_id:
        data["source_id"] = fields.clean_text(source_id, "source_id", max_length=64)
    entry = append(key, net=net, type="budget.project", data=data, deps=[round_id])
    return Project.objects.get(id=entry.id)


@atomic_action
def cast_ballot(user, round_id: str, *, approve) -> Ballot:
    """Approve any number of the round's projects (their total cost is not limited: each
    approval says "this is worth funding", and the greedy count keeps within the budget)."""
    net, member_id, key = actor_for(user)
    round_row = _round_or_404(net, round_id)
    now = clock.now_ms()
    if now <= round_row.proposing_closes_ms:
        raise Rejected(_("Voting in this round has not opened yet."), status=409)
    if now > round_row.voting_closes_ms:
        raise Rejected(_("Voting in this round is closed."), status=409)
    _in_electorate(round_row, member_id, _("vote"))
    approve = sorted(set(approve))
    if len(approve) > R.APPROVALS_MAX:
        raise fields.FieldError("approve", _("approve at most %(max)s projects")
                                % {"max": R.APPROVALS_MAX})
    known = set(Project.objects.filter(round_id=round_id, id__in=approve)
                .values_list("id", flat=True))
    if known != set(approve):
        raise fields.FieldError("approve", _("approve only projects of this round"))
    entry = append(key, net=net, type="budget.ballot",
                   data={"round": round_id, "approve": approve}, deps=[round_id])
    return Ballot.objects.get(id=entry.id)


@atomic_action
def close_round(user, round_id: str) -> Round:
    """Close after the voting window, listing each voter's latest ballot this node holds."""
    net, member_id, key = actor_for(user)
    round_row = _round_or_404(net, round_id)
    seen = electorate.round_view(round_row)
    if seen is None or member_id not in seen.tellers:
        raise Forbidden(_("Only a teller of the association may close a round."))
    if round_row.close_id:
        raise Rejected(_("This round is already closed."), status=409)
    if clock.now_ms() < round_row.voting_closes_ms:
        raise Rejected(_("This round can be closed once its voting window is over."), status=409)
    ballots = access.latest_ballot_ids(round_id)
    if len(ballots) > R.CLOSE_BALLOTS_MAX:
        raise Rejected(_("This round has more voters than one close can list."), status=409)
    append(key, net=net, type="budget.close", data={"round": round_id, "ballots": ballots},
           deps=[round_id])
    return Round.objects.get(id=round_id)


@atomic_action
def import_round(user, raw: bytes, *, currency: str, proposing_closes_ms: int,
                 voting_closes_ms: int) -> Round:
    """Open a round from a Pabulib file's META and PROJECTS: one round entry and one project
    entry per project, all signed by the steward, in one transaction. The file's votes are
    other people's and are left out (we cannot sign for them)."""
    from commoning.budgets.pabulib_io import read_round_file
    from commoning.core.budgeting.pabulib import PabulibError

    try:
        imported = read_round_file(raw, currency=currency)
    except PabulibError as error:
        raise fields.FieldError("file", str(error)) from error
    round_row = open_round(user, title=imported.title, budget_minor=imported.budget_minor,
                           currency=imported.currency, proposing_closes_ms=proposing_closes_ms,
                           voting_closes_ms=voting_closes_ms, imported=True)
    for source_id, title, cost_minor in imported.projects:
        propose_project(user, round_row.id, title=title, cost_minor=cost_minor,
                        source_id=source_id)
    return Round.objects.get(id=round_row.id)
