"""The only write paths of obligations and clearing runs. Each is `@atomic_action`: what it
appends commits or rolls back as one. The entry types' rules check what protects shared
state; these check the present as well (an obligation already in an open run, say)."""

import io

from django.utils.translation import gettext as _

from commoning.accounts.access import signing_key_for
from commoning.accounts.models import Member
from commoning.core import fields
from commoning.core.clearing.obligations import ObligationError, read_csv
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.registry import Forbidden, Rejected
from commoning.obligations import access, proposal, rules
from commoning.obligations.models import ClearingRun, Obligation


def _unit(unit) -> str:
    unit = (unit or "").strip() if isinstance(unit, str) else ""
    if not rules.UNIT.fullmatch(unit):
        raise fields.FieldError("unit", _("Write the unit as 1-12 characters, e.g. EUR."))
    return unit


def _record(account, key, *, debtor_id, amount, unit, memo="", due="") -> Obligation:
    if not isinstance(amount, int) or isinstance(amount, bool) or not (
        1 <= amount <= rules.MAX_AMOUNT
    ):
        raise fields.FieldError("amount", _("Write a positive amount."))
    if not Member.objects.filter(net=account.net, id=debtor_id).exists():
        raise fields.FieldError("debtor", _("No such member."))
    if debtor_id == account.member_id:
        raise fields.FieldError("debtor", _("Nobody owes themselves."))
    data = {"debtor": debtor_id, "amount": amount, "unit": _unit(unit)}
    memo = fields.clean_text(memo or "", "memo", max_length=rules.MEMO_MAX, min_length=0)
    if memo:
        data["memo"] = memo
    if due:
        data["due"] = str(due)
    entry = append(key, net=account.net, type="obligation.record", data=data, deps=[debtor_id])
    return Obligation.objects.get(id=entry.id)


@atomic_action
def record_obligation(user, *, debtor_id, amount, unit, memo="", due="") -> Obligation:
    """The signed-in member (the creditor) records what `debtor_id` owes them."""
    account, key = signing_key_for(user)
    return _record(account, key, debtor_id=debtor_id, amount=amount, unit=unit, memo=memo,
                   due=due)


def _obligation_of(account, obligation_id) -> Obligation:
    obligation = access.get_obligation(account.net, obligation_id)
    if obligation is None or account.member_id not in (obligation.debtor_id,
                                                       obligation.creditor_id):
        raise Rejected(_("No such obligation."), status=404)
    return obligation


def _on_obligation(type_name: str, who: str):
    @atomic_action
    def act(user, obligation_id: str) -> Obligation:
        account, key = signing_key_for(user)
        obligation = _obligation_of(account, obligation_id)
        if who == "debtor" and obligation.debtor_id != account.member_id:
            raise Forbidden(_("Only the debtor may do this."))
        if who == "creditor" and obligation.creditor_id != account.member_id:
            raise Forbidden(_("Only the creditor may do this."))
        append(key, net=account.net, type=type_name, data={"obligation": obligation.id},
               deps=[obligation.id])
        return Obligation.objects.get(id=obligation.id)

    return act


confirm_obligation = _on_obligation("obligation.confirm", "debtor")
dispute_obligation = _on_obligation("obligation.dispute", "debtor")
withdraw_obligation = _on_obligation("obligation.withdraw", "creditor")
exclude_obligation = _on_obligation("obligation.exclude", "party")


@atomic_action
def choose_clearing(user, *, take_part: bool) -> None:
    """Opt out of clearing runs, or back in."""
    account, key = signing_key_for(user)
    append(key, net=account.net, type="clearing.opt_in" if take_part else "clearing.opt_out",
           data={})


@atomic_action
def import_obligations(user, stream, *, unit: str) -> list[str]:
    """Record every row of a CSV `id,debtor,creditor,amount` in `unit`: all or nothing. Each
    row becomes a record the importer authors, so the importer must be every row's creditor;
    debtor and creditor are member ids, and the row's id is kept in the memo."""
    account, key = signing_key_for(user)
    unit = _unit(unit)
    raw = stream.read(rules.MAX_IMPORT_BYTES + 1)
    if len(raw) > rules.MAX_IMPORT_BYTES:
        raise fields.FieldError("file", _("The file is larger than 256 KiB."))
    try:
        rows = read_csv(io.BytesIO(raw))
    except ObligationError as error:
        raise fields.FieldError("file", error.args[0]) from error
    if len(rows) > rules.MAX_IMPORT_ROWS:
        raise fields.FieldError("file", _("The file has more than 500 rows."))
    recorded = []
    for line, row in enumerate(rows, start=2):
        if row.creditor != account.member_id:
            raise fields.FieldError(
                "file", _("Line %(line)d: you may import only debts owed to you (you are the "
                          "creditor).") % {"line": line})
        if not Member.objects.filter(net=account.net, id=row.debtor).exists():
            raise fields.FieldError("file", _("Line %(line)d: no such member.") % {"line": line})
        obligation = _record(account, key, debtor_id=row.debtor, amount=row.amount, unit=unit,
                             memo=_("Imported as %(id)s") % {"id": row.id[:40]})
        recorded.append(obligation.id)
    return recorded


@atomic_action
def start_run(user, *, unit: str, among=None) -> ClearingRun:
    """Clear the open obligations of `unit` optimally and propose the set-off as a run
    (commoning.obligations.proposal says what it leaves out and how it is bounded)."""
    account, key = signing_key_for(user)
    data, deps = proposal.propose(account.net, _unit(unit), key.public_hex, among=among)
    entry = append(key, net=account.net, type="clearing.run", data=data, deps=deps)
    return ClearingRun.objects.get(id=entry.id)


def _answer(type_name: str):
    @atomic_action
    def act(user, run_id: str) -> ClearingRun:
        account, key = signing_key_for(user)
        run = access.get_run(account.net, run_id)
        if run is None:
            raise Rejected(_("No such clearing run."), status=404)
        participant = access.participant(run, account.member_id)
        if participant is None:
            raise Forbidden(_("This run does not change your books."))
        if participant.answer:
            raise Rejected(_("You already answered this run."), status=409)
        if run.status != ClearingRun.OPEN:
            raise Rejected(_("This run is no longer open."), status=409)
        append(key, net=account.net, type=type_name, data={"run": run.id}, deps=[run.id])
        return ClearingRun.objects.get(id=run.id)

    return act


consent_to_run = _answer("clearing.consent")
decline_run = _answer("clearing.decline")
