"""The only write paths of mutual credit. Each is `@atomic_action`: what it reads to decide
cannot change before it appends, and a refusal leaves nothing signed behind. The domain rules in
events/ decide from an entry's causal past alone; these check the same and say it in plain words.
"""

from django.utils.translation import gettext as _

from commoning.accounts.access import actor_for
from commoning.accounts.models import Member
from commoning.core import fields
from commoning.credit import access
from commoning.credit.models import Account, Currency, Transfer
from commoning.credit.rules import (
    AMOUNT_MAX_MINOR,
    EXPONENT_MAX,
    LIMIT_MAX_MINOR,
    MEMO_MAX,
    NAME_MAX,
    SEEN_MAX,
    SYMBOL_MAX,
)
from commoning.log.append import append
from commoning.log.atomic import atomic_action
from commoning.log.models import Entry as EntryRow
from commoning.log.registry import Forbidden, Rejected


def _currency(net: str, currency_id: str) -> Currency:
    currency = access.currency_by_id(net, currency_id)
    if currency is None:
        raise Rejected(_("No such currency."), status=404)
    return currency


def _member(net: str, member_id: str, field: str) -> str:
    if not (isinstance(member_id, str) and fields.HEX_ID.match(member_id)) or \
            not Member.objects.filter(net=net, id=member_id).exists():
        raise fields.FieldError(field, _("no such member in this network"))
    return member_id


def _integer(value, field: str, minimum: int, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        raise fields.FieldError(field, _("must be a whole number of minor units in range"))
    return value


def _own_feed_news(currency: Currency, member_id: str) -> tuple[dict, list]:
    """What the member's next entry in this currency names: the outcomes its feed has not yet
    counted (releases give amounts back) and the stewards' newest limit grant."""
    data, deps = {}, []
    seen, transfers_named = [], set()
    for outcome in access.unseen_outcomes(currency.id, member_id, SEEN_MAX):
        # A transfer declined and expired at once has two releases: its feed counts one.
        if outcome.transfer_id and outcome.transfer_id in transfers_named:
            continue
        transfers_named.add(outcome.transfer_id)
        seen.append(outcome.id)
    if seen:
        data["seen"], deps = seen, [*seen]
    account = Account.objects.filter(currency_id=currency.id, member_id=member_id).first()
    grant = access.latest_grant(currency.id, member_id)
    if grant is not None and (account is None or grant.clock > account.limit_clock):
        data["limit"] = grant.id
        deps.append(grant.id)
    return data, deps


@atomic_action
def create_currency(user, *, name: str, symbol: str, exponent: int, default_limit_minor: int,
                    ceiling_minor: int | None = None) -> Currency:
    net, _member_id, key = actor_for(user)
    data = {
        "name": fields.clean_name(name, "name", max_length=NAME_MAX),
        "symbol": fields.clean_name(symbol, "symbol", max_length=SYMBOL_MAX),
        "exponent": _integer(exponent, "exponent", 0, EXPONENT_MAX),
        "default_limit": _integer(default_limit_minor, "default_limit", 0, LIMIT_MAX_MINOR),
    }
    if ceiling_minor is not None:
        data["ceiling"] = _integer(ceiling_minor, "ceiling", 1, LIMIT_MAX_MINOR)
    entry = append(key, net=net, type="credit.currency", data=data)
    return Currency.objects.get(id=entry.id)


@atomic_action
def set_limit(user, currency_id: str, member_id: str, limit_minor: int) -> str:
    net, steward_id, key = actor_for(user)
    currency = _currency(net, currency_id)
    if currency.steward_id != steward_id:
        raise Forbidden(_("Only the currency's stewards may set limits."))
    _member(net, member_id, "member")
    data = {"currency": currency.id, "member": member_id,
            "limit": _integer(limit_minor, "limit", 0, LIMIT_MAX_MINOR)}
    return append(key, net=net, type="credit.limit", data=data,
                  deps=[currency.id, member_id]).id


@atomic_action
def do_transfer(user, currency_id: str, payee_member_id: str, amount_minor: int, memo: str = "",
                extra_deps=()) -> str:
    """Pay a member; the payment waits for their acceptance. Returns the transfer's id."""
    net, payer_id, key = actor_for(user)
    currency = _currency(net, currency_id)
    _member(net, payee_member_id, "payee")
    if payee_member_id == payer_id:
        raise fields.FieldError("payee", _("you cannot pay yourself"))
    amount_minor = _integer(amount_minor, "amount", 1, AMOUNT_MAX_MINOR)
    memo = fields.clean_text(memo, "memo", max_length=MEMO_MAX, min_length=0)
    for dep in extra_deps:
        if not EntryRow.objects.filter(id=dep, net=net).exists():
            raise Rejected(_("The payment names an entry this node does not have."))
    account = Account.objects.filter(currency_id=currency.id, member_id=payer_id).first()
    if account is not None and account.closed:
        raise Forbidden(_("Your account in this currency is closed."))
    data, deps = _own_feed_news(currency, payer_id)
    data.update({"currency": currency.id, "payee": payee_member_id, "amount": amount_minor})
    if memo:
        data["memo"] = memo
    deps = list(dict.fromkeys([currency.id, payee_member_id, *deps, *extra_deps]))
    try:
        return append(key, net=net, type="credit.transfer", data=data, deps=deps).id
    except Rejected as refused:
        if "credit limit" in refused.reason:
            raise fields.FieldError(
                "amount", _("this would take you below your credit limit")) from refused
        raise


def _answerable(net: str, member_id: str, transfer_id: str) -> Transfer:
    transfer = access.transfer_by_id(net, transfer_id)
    if transfer is None:
        raise Rejected(_("No such payment."), status=404)
    if transfer.payee_id != member_id:
        raise Forbidden(_("Only the member being paid may answer a payment."))
    if transfer.answer_seq is not None or transfer.status != "pending":
        raise Rejected(_("This payment has already been answered."), status=409)
    return transfer


@atomic_action
def do_accept(user, transfer_id: str) -> str:
    net, member_id, key = actor_for(user)
    transfer = _answerable(net, member_id, transfer_id)
    return append(key, net=net, type="credit.accept", data={"transfer": transfer.id},
                  deps=[transfer.id]).id


@atomic_action
def do_decline(user, transfer_id: str) -> str:
    net, member_id, key = actor_for(user)
    transfer = _answerable(net, member_id, transfer_id)
    return append(key, net=net, type="credit.decline", data={"transfer": transfer.id},
                  deps=[transfer.id]).id


@atomic_action
def do_write_off(user, currency_id: str, member_id: str, amount_minor: int) -> str:
    """A steward moves `amount_minor` from the loss account to the member (a debt of 30 is
    written off with 30; a credit of 30 given up with -30)."""
    net, steward_id, key = actor_for(user)
    currency = _currency(net, currency_id)
    if currency.steward_id != steward_id:
        raise Forbidden(_("Only the currency's stewards may write a balance off."))
    _member(net, member_id, "member")
    amount = _integer(amount_minor, "amount", -LIMIT_MAX_MINOR, LIMIT_MAX_MINOR)
    if amount == 0:
        raise fields.FieldError("amount", _("must not be zero"))
    return append(key, net=net, type="credit.writeoff",
                  data={"currency": currency.id, "member": member_id, "amount": amount},
                  deps=[currency.id, member_id]).id


@atomic_action
def do_close(user, currency_id: str) -> str:
    """Close one's own account: only at balance zero, with every payment one sent answered."""
    net, member_id, key = actor_for(user)
    currency = _currency(net, currency_id)
    data, deps = _own_feed_news(currency, member_id)
    data.pop("limit", None)
    deps = [dep for dep in deps if dep in data.get("seen", [])]
    data["currency"] = currency.id
    try:
        return append(key, net=net, type="credit.close", data=data, deps=[currency.id, *deps]).id
    except Rejected as refused:
        raise Rejected(_("This account cannot close yet: %(reason)s") % {"reason": refused.reason},
                       status=409) from refused
