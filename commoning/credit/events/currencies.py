"""Entry types of a currency: create it, set a member's limit, write a balance off to the loss
account, and close an account at balance zero."""

from commoning.accounts.events import field_clock
from commoning.accounts.models import Member
from commoning.core import fields
from commoning.credit.events.feed import (
    account_id,
    account_of,
    apply_seen,
    currency_in_deps,
    ensure_account,
    refuse_if_closed,
    seen_outcomes,
)
from commoning.credit.models import Account, Currency, LimitGrant, Movement, Outcome
from commoning.credit.rules import EXPONENT_MAX, LIMIT_MAX_MINOR, NAME_MAX, SYMBOL_MAX
from commoning.log import sql
from commoning.log.registry import Forbidden, Rejected, member_of


def member_in_deps(entry, field: str = "member") -> str:
    """A member an entry names, whose identity it lists in deps (so the rule reads it)."""
    member_id = fields.entry_id(entry.data, field)
    if member_id not in entry.deps:
        raise Rejected(f"an entry must list the {field} it names in deps")
    if not Member.objects.filter(id=member_id, net=entry.net).exists():
        raise Rejected(f"the {field} is no member of this network")
    return member_id


def refuse_unless_steward(entry, currency: Currency) -> None:
    if member_of(entry) != currency.steward_id:
        raise Forbidden("only the currency's stewards may do this")


def check_currency(entry):
    fields.only_fields(entry.data, {"name", "symbol", "exponent", "default_limit", "ceiling"},
                       {"name", "symbol", "exponent", "default_limit"})
    fields.name(entry.data, "name", max_length=NAME_MAX)
    fields.name(entry.data, "symbol", max_length=SYMBOL_MAX)
    fields.integer(entry.data, "exponent", minimum=0, maximum=EXPONENT_MAX)
    fields.integer(entry.data, "default_limit", minimum=0, maximum=LIMIT_MAX_MINOR)
    if "ceiling" in entry.data:
        fields.integer(entry.data, "ceiling", minimum=1, maximum=LIMIT_MAX_MINOR)


def apply_currency(entry):
    Currency.objects.create(
        id=entry.id, net=entry.net, name=entry.data["name"], symbol=entry.data["symbol"],
        exponent=entry.data["exponent"], default_limit_minor=entry.data["default_limit"],
        ceiling_minor=entry.data.get("ceiling"), steward_id=member_of(entry), created_ts=entry.ts,
    )


def check_limit(entry):
    fields.only_fields(entry.data, {"currency", "member", "limit"}, {"currency", "member", "limit"})
    currency = currency_in_deps(entry)
    member_in_deps(entry)
    fields.integer(entry.data, "limit", minimum=0, maximum=LIMIT_MAX_MINOR)
    refuse_unless_steward(entry, currency)


def apply_limit(entry):
    currency = Currency.objects.get(id=entry.data["currency"])
    member_id, clock = entry.data["member"], field_clock(entry)
    LimitGrant.objects.create(id=entry.id, currency_id=currency.id, member_id=member_id,
                              limit_minor=entry.data["limit"], clock=clock)
    ensure_account(currency, member_id)
    # The grant pages show: last writer wins. The limit that binds is the one the member's
    # own feed names (see events/transfers.py).
    sql.execute(
        f"UPDATE {sql.table(Account)} SET granted_limit_minor = %s, granted_limit_clock = %s"
        " WHERE id = %s AND granted_limit_clock < %s",
        [entry.data["limit"], clock, account_id(currency.id, member_id), clock],
    )


def check_writeoff(entry):
    fields.only_fields(entry.data, {"currency", "member", "amount"},
                       {"currency", "member", "amount"})
    currency = currency_in_deps(entry)
    member_in_deps(entry)
    amount = fields.integer(entry.data, "amount", minimum=-LIMIT_MAX_MINOR,
                            maximum=LIMIT_MAX_MINOR)
    if amount == 0:
        raise Rejected("a write-off must move something")
    refuse_unless_steward(entry, currency)


def apply_writeoff(entry):
    """Move `amount` from the loss account to the member (a debt of 30 is written off with
    +30): balanced, so the sum of balances stays zero."""
    currency = Currency.objects.get(id=entry.data["currency"])
    member_id, amount = entry.data["member"], entry.data["amount"]
    ensure_account(currency, member_id)
    sql.execute(f"UPDATE {sql.table(Account)} SET balance_minor = balance_minor + %s"
                " WHERE id = %s", [amount, account_id(currency.id, member_id)])
    sql.execute(f"UPDATE {sql.table(Currency)} SET loss_minor = loss_minor - %s WHERE id = %s",
                [amount, currency.id])
    Outcome.objects.create(id=entry.id, kind="writeoff", currency_id=currency.id,
                           member_id=member_id, amount_minor=amount)
    Movement.objects.bulk_create([
        Movement(id=f"{entry.id}:in", net=entry.net, currency_id=currency.id,
                 member_id=member_id, counterparty_id="", amount_minor=amount, kind="writeoff",
                 ts=entry.ts, entry_id=entry.id),
        Movement(id=f"{entry.id}:out", net=entry.net, currency_id=currency.id, member_id="",
                 counterparty_id=member_id, amount_minor=-amount, kind="writeoff",
                 ts=entry.ts, entry_id=entry.id),
    ])


def check_close(entry):
    fields.only_fields(entry.data, {"currency", "seen"}, {"currency"})
    currency = currency_in_deps(entry)
    member_id = member_of(entry)
    account = account_of(currency, member_id)
    if account is None:
        raise Rejected("there is no account to close")
    refuse_if_closed(account)
    outcomes = seen_outcomes(entry, currency, member_id)
    position = account.position_minor + sum(outcome.amount_minor for outcome in outcomes)
    open_out = account.open_out_count - sum(1 for o in outcomes if o.kind != "writeoff")
    if open_out:
        raise Rejected("the feed has not yet seen the outcome of every transfer it sent")
    if position != 0:
        raise Rejected("an account closes only at balance zero")


def apply_close(entry):
    currency = Currency.objects.get(id=entry.data["currency"])
    key = account_id(currency.id, member_of(entry))
    apply_seen(seen_outcomes(entry, currency, member_of(entry)), key)
    Account.objects.filter(id=key).update(closed=True)
