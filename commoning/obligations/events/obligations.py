"""Entry types of obligations: a creditor records a debt, the debtor confirms or disputes it,
the creditor may withdraw it, and either party may keep it out of clearing."""

import datetime

from django.db.models import Q

from commoning.accounts.models import Member
from commoning.core import fields
from commoning.log.registry import Forbidden, Rejected, member_of, register, register_projection
from commoning.obligations import rules
from commoning.obligations.models import Exclusion, Obligation


def _unit(data: dict) -> str:
    unit = data.get("unit")
    if not isinstance(unit, str) or not rules.UNIT.fullmatch(unit):
        raise fields.FieldError("unit", "must be 1-12 characters without spaces, e.g. EUR")
    return unit


def _due(data: dict) -> str:
    due = data.get("due", "")
    try:
        if not isinstance(due, str) or (due and datetime.date.fromisoformat(due).isoformat()
                                        != due):
            raise ValueError
    except ValueError:
        raise fields.FieldError("due", "must be a date written YYYY-MM-DD") from None
    return due


def check_record(entry):
    fields.only_fields(entry.data, {"debtor", "amount", "unit", "memo", "due"},
                       {"debtor", "amount", "unit"})
    debtor_id = fields.entry_id(entry.data, "debtor")
    fields.integer(entry.data, "amount", minimum=1, maximum=rules.MAX_AMOUNT)
    _unit(entry.data)
    if "memo" in entry.data:
        fields.text(entry.data, "memo", max_length=rules.MEMO_MAX, min_length=0)
    _due(entry.data)
    if debtor_id not in entry.deps:
        raise Rejected("a record must list the debtor's identity in deps")
    if not Member.objects.filter(id=debtor_id, net=entry.net).exists():
        raise Rejected("the debtor is no member of this network")
    if debtor_id == member_of(entry):
        raise Rejected("nobody owes themselves")


def apply_record(entry):
    data = entry.data
    Obligation.objects.create(
        id=entry.id, net=entry.net, unit=data["unit"], creditor_id=member_of(entry),
        debtor_id=data["debtor"], amount=data["amount"], remaining=data["amount"],
        memo=data.get("memo", ""), due=data.get("due", ""), recorded_ts=entry.ts,
        record_key=entry.author, record_seq=entry.seq,
    )


def obligation_named(entry) -> Obligation:
    """The obligation an entry names, which it must list in deps."""
    fields.only_fields(entry.data, {"obligation"}, {"obligation"})
    obligation_id = fields.entry_id(entry.data, "obligation")
    if obligation_id not in entry.deps:
        raise Rejected("the entry must list the obligation it names in deps")
    obligation = Obligation.objects.filter(id=obligation_id, net=entry.net).first()
    if obligation is None:
        raise Rejected("no such obligation in this network")
    return obligation


def check_confirm(entry):
    obligation = obligation_named(entry)
    if obligation.debtor_id != member_of(entry):
        raise Forbidden("only the debtor confirms an obligation")
    # Both flags are written by the debtor alone, so they come from the debtor's own past.
    if obligation.confirmed:
        raise Rejected("the obligation is already confirmed")
    if obligation.disputed:
        raise Rejected("the debtor disputed this obligation")


def apply_confirm(entry):
    # A debtor confirms once (the rule); two devices at once would both pass, so the
    # confirmation kept is the one on the smaller key, whatever arrived first.
    Obligation.objects.filter(id=entry.data["obligation"]).filter(
        Q(confirmed=False) | Q(confirm_key__gt=entry.author)
    ).update(
        confirmed=True, confirm_id=entry.id, confirm_key=entry.author, confirm_seq=entry.seq
    )


def check_dispute(entry):
    obligation = obligation_named(entry)
    if obligation.debtor_id != member_of(entry):
        raise Forbidden("only the debtor disputes an obligation")
    if obligation.confirmed:
        raise Rejected("a confirmed obligation cannot be disputed; ask the creditor to withdraw")
    if obligation.disputed:
        raise Rejected("the obligation is already disputed")


def apply_dispute(entry):
    Obligation.objects.filter(id=entry.data["obligation"]).update(disputed=True)


def check_withdraw(entry):
    obligation = obligation_named(entry)
    if obligation.creditor_id != member_of(entry):
        raise Forbidden("only the creditor withdraws an obligation")
    if obligation.withdrawn:
        raise Rejected("the obligation is already withdrawn")


def apply_withdraw(entry):
    Obligation.objects.filter(id=entry.data["obligation"], withdrawn=False).update(
        withdrawn=True, withdraw_key=entry.author, withdraw_seq=entry.seq
    )


def check_exclude(entry):
    obligation = obligation_named(entry)
    if member_of(entry) not in (obligation.debtor_id, obligation.creditor_id):
        raise Forbidden("only a party to an obligation keeps it out of clearing")


def apply_exclude(entry):
    Exclusion.objects.create(
        id=entry.id, net=entry.net, obligation_id=entry.data["obligation"],
        member_id=member_of(entry), author_key=entry.author, seq=entry.seq,
    )


register("obligation.record", check=check_record, apply=apply_record)
register("obligation.confirm", check=check_confirm, apply=apply_confirm)
register("obligation.dispute", check=check_dispute, apply=apply_dispute)
register("obligation.withdraw", check=check_withdraw, apply=apply_withdraw)
register("obligation.exclude", check=check_exclude, apply=apply_exclude)
register_projection(Obligation)
register_projection(Exclusion)
