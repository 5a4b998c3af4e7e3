"""A member's account as their own feed sees it: the fold the transfer rule checks.

A member's `position` is a fold over entries of their own feed only: + each accept they wrote,
- each transfer they wrote, + each release (decline or expiry) or write-off their feed has
named in `seen`. Because every term is written or named by the member's own feed, the value
a rule reads when it checks an entry is exactly the fold over that entry's causal past (a feed
is applied in seq order), whatever order other feeds' entries arrived in. The shared balance
is never below the position, so `position >= -limit` bounds the balance too.
"""

from commoning.core import fields
from commoning.credit.models import Account, Currency, Outcome, Transfer
from commoning.credit.rules import SEEN_MAX
from commoning.log import sql
from commoning.log.registry import Rejected


def account_id(currency_id: str, member_id: str) -> str:
    return f"{currency_id}:{member_id}"


def currency_in_deps(entry, field: str = "currency") -> Currency:
    """The currency an entry names, which it must list in deps (its causal past)."""
    currency_id = fields.entry_id(entry.data, field)
    if currency_id not in entry.deps:
        raise Rejected("an entry must list the currency it uses in deps")
    currency = Currency.objects.filter(id=currency_id, net=entry.net).first()
    if currency is None:
        raise Rejected("no such currency in this network")
    return currency


def account_of(currency: Currency, member_id: str) -> Account | None:
    return Account.objects.filter(id=account_id(currency.id, member_id)).first()


def ensure_account(currency: Currency, member_id: str) -> None:
    """Open a member's account at its first use (limit: the currency's default)."""
    created = sql.execute(
        f"INSERT INTO {sql.table(Account)} (id, net, currency_id, member_id, balance_minor,"
        " pending_out_minor, position_minor, open_out_count, limit_minor, limit_clock, closed,"
        " granted_limit_minor, granted_limit_clock)"
        " VALUES (%s, %s, %s, %s, 0, 0, 0, 0, %s, '', %s, NULL, '') ON CONFLICT DO NOTHING",
        [account_id(currency.id, member_id), currency.net, currency.id, member_id,
         currency.default_limit_minor, False],
    )
    if created:
        sql.execute(f"UPDATE {sql.table(Currency)} SET account_count = account_count + 1"
                    " WHERE id = %s", [currency.id])


def seen_outcomes(entry, currency: Currency, member_id: str) -> list[Outcome]:
    """The outcomes an entry names in `seen`: each in deps, of this member in this currency,
    not seen before by the member's feed. Checked, not applied."""
    seen = entry.data.get("seen", [])
    if not isinstance(seen, list) or len(seen) > SEEN_MAX:
        raise Rejected(f"seen must be a list of at most {SEEN_MAX} entry ids")
    if len(set(seen)) != len(seen):
        raise Rejected("seen names an entry twice")
    for outcome_id in seen:
        fields.entry_id({"seen": outcome_id}, "seen")
        if outcome_id not in entry.deps:
            raise Rejected("every entry named in seen must be listed in deps")
    outcomes = list(Outcome.objects.filter(id__in=seen)) if seen else []
    if len(outcomes) != len(seen):
        raise Rejected("seen names an entry that is no outcome of a transfer")
    for outcome in outcomes:
        if outcome.currency_id != currency.id or outcome.member_id != member_id:
            raise Rejected("seen names an outcome of another account")
        if outcome.seen:
            raise Rejected("seen names an outcome the feed has already counted")
    # A transfer may have two releases (a decline and an expiry written concurrently): its
    # payer's feed counts one of them, once.
    transfer_ids = [outcome.transfer_id for outcome in outcomes if outcome.transfer_id]
    if len(set(transfer_ids)) != len(transfer_ids):
        raise Rejected("seen names two outcomes of one transfer")
    if Transfer.objects.filter(id__in=transfer_ids, payer_seen=True).exists():
        raise Rejected("seen names a transfer whose outcome the feed has already counted")
    return outcomes


def apply_seen(outcomes: list[Outcome], account_key: str) -> None:
    """Count what the feed has now seen: releases and write-offs move its position; every
    outcome of one of its own transfers closes that transfer's loop."""
    if not outcomes:
        return
    position_delta = sum(outcome.amount_minor for outcome in outcomes)
    closed_loops = sum(1 for outcome in outcomes if outcome.kind != "writeoff")
    Outcome.objects.filter(id__in=[outcome.id for outcome in outcomes]).update(seen=True)
    Transfer.objects.filter(
        id__in=[outcome.transfer_id for outcome in outcomes if outcome.transfer_id]
    ).update(payer_seen=True)
    sql.execute(
        f"UPDATE {sql.table(Account)} SET position_minor = position_minor + %s,"
        " open_out_count = open_out_count - %s WHERE id = %s",
        [position_delta, closed_loops, account_key],
    )


def refuse_if_closed(account: Account | None) -> None:
    if account is not None and account.closed:
        raise Rejected("this account is closed")
