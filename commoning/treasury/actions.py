"""The only write paths of the treasury. Each is `@atomic_action` (commoning/log/atomic.py) and
lists in deps what its entry's rule relies on: the roster heads its node knows, the treasury,
the accounts, the decision, the payment."""

from commoning.accounts.access import signing_key_for
from commoning.core import fields
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.registry import Rejected
from commoning.treasury import access, governance
from commoning.treasury.events.books import MEMO_MAX, NAME_MAX
from commoning.treasury.models import Account, Movement, Treasury
from commoning.treasury.money import parse_amount


def _signed(user):
    account, key = signing_key_for(user)
    return account.net, key


def _memo(memo: str) -> dict:
    memo = fields.clean_text(memo or "", "memo", max_length=MEMO_MAX, min_length=0)
    return {"memo": memo} if memo else {}


def _treasury(net: str, treasury_id: str) -> Treasury:
    treasury = access.get_treasury(net, treasury_id)
    if treasury is None:
        raise Rejected("no such treasury", status=404)
    return treasury


def _account(treasury: Treasury, account_id, field: str, kind: str) -> Account:
    account = access.get_account(treasury, account_id)
    if account is None or account.kind != kind:
        raise fields.FieldError(field, f"choose an {kind} account of this treasury")
    return account


@atomic_action
def open_treasury(user, *, name: str, currencies: list[tuple[str, int]]) -> Treasury:
    net, key = _signed(user)
    data = {"name": fields.clean_name(name, "name", max_length=NAME_MAX),
            "currencies": [{"code": code, "exponent": exponent} for code, exponent in currencies]}
    entry = append(key, net=net, type="treasury.open", data=data,
                   deps=governance.current_heads(net))
    return Treasury.objects.get(id=entry.id)


@atomic_action
def open_account(user, treasury_id: str, *, name: str, kind: str, currency: str) -> Account:
    net, key = _signed(user)
    treasury = _treasury(net, treasury_id)
    data = {"treasury": treasury.id, "name": fields.clean_name(name, "name", max_length=NAME_MAX),
            "kind": kind, "currency": currency}
    entry = append(key, net=net, type="treasury.account", data=data,
                   deps=[treasury.id, *governance.current_heads(net)])
    return Account.objects.get(id=entry.id)


def _record(user, treasury: Treasury, kind: str, debit: Account, credit: Account,
            amount_text: str, memo: str) -> Movement:
    net, key = _signed(user)
    if debit.currency != credit.currency:
        raise fields.FieldError("amount", "both accounts must keep the same currency")
    amount = parse_amount(amount_text, treasury.currencies[debit.currency])
    data = {"treasury": treasury.id, "kind": kind, **_memo(memo), "postings": [
        {"account": debit.id, "amount": amount}, {"account": credit.id, "amount": -amount}]}
    entry = append(key, net=net, type="treasury.movement", data=data,
                   deps=sorted({treasury.id, debit.id, credit.id,
                                *governance.current_heads(net)}))
    return Movement.objects.get(id=entry.id)


@atomic_action
def record_income(user, treasury_id: str, *, into: str, source: str, amount: str,
                  memo: str = "") -> Movement:
    """Dues or a donation received: debit an assets account, credit an income account."""
    net, _key = _signed(user)
    treasury = _treasury(net, treasury_id)
    return _record(user, treasury, "income", _account(treasury, into, "into", "assets"),
                   _account(treasury, source, "source", "income"), amount, memo)


@atomic_action
def record_transfer(user, treasury_id: str, *, from_account: str, to_account: str, amount: str,
                    memo: str = "") -> Movement:
    """Money moved between two assets or reserves accounts of the treasury."""
    net, _key = _signed(user)
    treasury = _treasury(net, treasury_id)
    source, target = access.get_account(treasury, from_account), access.get_account(
        treasury, to_account)
    for account, field in ((source, "from_account"), (target, "to_account")):
        if account is None or account.kind not in ("assets", "reserves"):
            raise fields.FieldError(field, "choose an assets or reserves account")
    if source.id == target.id:
        raise fields.FieldError("to_account", "choose another account than the first")
    return _record(user, treasury, "transfer", target, source, amount, memo)


@atomic_action
def propose_payment(user, *, decision: str, from_account: str, amount: str, memo: str = "",
                    treasury_id: str | None = None) -> Movement:
    """A payment under a granted decision; it waits for k stewards' approvals. `treasury_id`,
    when given (a page or an address names one), must be the treasury the decision granted."""
    net, key = _signed(user)
    if not isinstance(decision, str) or not fields.HEX_ID.match(decision):
        raise fields.FieldError("decision", "choose a passed decision that granted a payment")
    try:
        grant = governance.grant_of(net, decision)
    except Rejected as refusal:
        raise fields.FieldError("decision", refusal.reason) from refusal
    if treasury_id is not None and treasury_id != grant.treasury_id:
        raise fields.FieldError("decision", "this decision granted money of another treasury")
    treasury = _treasury(net, grant.treasury_id)
    source = _account(treasury, from_account, "from_account", "assets")
    amount_minor = parse_amount(amount, treasury.currencies.get(grant.currency, 2))
    if amount_minor > grant.amount_minor:
        raise fields.FieldError("amount", "more than the decision granted")
    data = {"decision": decision, "from": source.id, "amount": amount_minor, **_memo(memo)}
    entry = append(key, net=net, type="treasury.payment", data=data,
                   deps=sorted({decision, source.id, grant.account_id,
                                *governance.current_heads(net)}))
    return Movement.objects.get(id=entry.id)


@atomic_action
def approve_payment(user, payment_id: str) -> Movement:
    """This steward's approval of a pending payment, on their own feed."""
    net, key = _signed(user)
    payment = access.get_payment(net, payment_id)
    if payment is None:
        raise Rejected("no such payment", status=404)
    if payment.status != "pending":
        raise Rejected("this payment is no longer waiting for approvals", status=409)
    if signing_key_for(user)[0].member_id in payment.approvers:
        raise Rejected("you already approved this payment", status=409)
    seen = access.latest_effective_completion(payment)
    append(key, net=net, type="treasury.approve", data={"payment": payment.id},
           deps=sorted({payment.id, *([seen] if seen else []), *governance.current_heads(net)}))
    return Movement.objects.get(id=payment.id)
