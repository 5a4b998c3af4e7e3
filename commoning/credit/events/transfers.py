"""Entry types of a payment: `credit.transfer` on the payer's feed, `credit.accept` or
`credit.decline` on the payee's feed, and `credit.expire`, which anyone may append once the
payee's own feed shows the deadline has passed (docs/decisions/0004-time-rules.md).

Why an expiry and an accept never both count: an accept must be dated before the deadline,
and an expiry names as its anchor an entry of the payee's feed dated at or after it. An accept
later in that feed than the anchor is dated after the anchor, so it is rejected; an accept
earlier in the feed is in the expiry's causal past, so the expiry is rejected.
"""

from commoning.accounts.events import member_for_key
from commoning.core import fields
from commoning.credit.events.currencies import member_in_deps
from commoning.credit.events.feed import (
    account_id,
    account_of,
    apply_seen,
    currency_in_deps,
    ensure_account,
    refuse_if_closed,
    seen_outcomes,
)
from commoning.credit.models import Account, Currency, LimitGrant, Movement, Outcome, Transfer
from commoning.credit.rules import AMOUNT_MAX_MINOR, DAY_MS, EXPIRY_DAYS, MEMO_MAX
from commoning.log import sql
from commoning.log.models import Entry as EntryRow
from commoning.log.registry import Forbidden, Rejected, member_of

TRANSFER_FIELDS = {"currency", "payee", "amount", "memo", "limit", "seen"}


def _named_limit(entry, currency, account) -> tuple[int, str]:
    """The limit the payer's feed relies on: a steward's grant it names (in deps, no older
    than one it named before), else the one it named last, else the currency's default."""
    limit_minor = account.limit_minor if account else currency.default_limit_minor
    limit_clock = account.limit_clock if account else ""
    if "limit" not in entry.data:
        return limit_minor, limit_clock
    grant_id = fields.entry_id(entry.data, "limit")
    if grant_id not in entry.deps:
        raise Rejected("a transfer must list the limit grant it names in deps")
    grant = LimitGrant.objects.filter(id=grant_id, currency_id=currency.id,
                                      member_id=member_of(entry)).first()
    if grant is None:
        raise Rejected("limit names no grant of this payer in this currency")
    if grant.clock < limit_clock:
        raise Rejected("limit names a grant older than one the payer's feed already named")
    return grant.limit_minor, grant.clock


def check_transfer(entry):
    fields.only_fields(entry.data, TRANSFER_FIELDS, {"currency", "payee", "amount"})
    currency = currency_in_deps(entry)
    payer_id = member_of(entry)
    payee_id = member_in_deps(entry, "payee")
    if payee_id == payer_id:
        raise Rejected("a member cannot pay themselves")
    amount = fields.integer(entry.data, "amount", minimum=1, maximum=AMOUNT_MAX_MINOR)
    if "memo" in entry.data:
        fields.text(entry.data, "memo", max_length=MEMO_MAX, min_length=0)
    account = account_of(currency, payer_id)
    refuse_if_closed(account)
    limit_minor, _ = _named_limit(entry, currency, account)
    outcomes = seen_outcomes(entry, currency, payer_id)
    position = (account.position_minor if account else 0) + sum(o.amount_minor for o in outcomes)
    if position - amount < -limit_minor:
        raise Rejected("this payment would take the payer below their credit limit")


def apply_transfer(entry):
    currency = Currency.objects.get(id=entry.data["currency"])
    payer_id, amount = member_of(entry), entry.data["amount"]
    ensure_account(currency, payer_id)
    ensure_account(currency, entry.data["payee"])
    key = account_id(currency.id, payer_id)
    account = Account.objects.get(id=key)
    limit_minor, limit_clock = _named_limit(entry, currency, account)
    apply_seen(seen_outcomes(entry, currency, payer_id), key)
    sql.execute(
        f"UPDATE {sql.table(Account)} SET position_minor = position_minor - %s,"
        " open_out_count = open_out_count + 1, pending_out_minor = pending_out_minor + %s,"
        " limit_minor = %s, limit_clock = %s WHERE id = %s",
        [amount, amount, limit_minor, limit_clock, key],
    )
    Transfer.objects.create(
        id=entry.id, net=entry.net, currency_id=currency.id, payer_id=payer_id,
        payee_id=entry.data["payee"], amount_minor=amount, memo=entry.data.get("memo", ""),
        ts=entry.ts, deadline_ts=entry.ts + EXPIRY_DAYS * DAY_MS,
    )


def _answered_transfer(entry) -> Transfer:
    """The transfer an accept or decline answers: in deps, to the author, not yet answered."""
    fields.only_fields(entry.data, {"transfer"}, {"transfer"})
    transfer_id = fields.entry_id(entry.data, "transfer")
    if transfer_id not in entry.deps:
        raise Rejected("an answer must list the transfer it answers in deps")
    transfer = Transfer.objects.filter(id=transfer_id, net=entry.net).first()
    if transfer is None:
        raise Rejected("no such transfer in this network")
    if transfer.payee_id != member_of(entry):
        raise Forbidden("only the payee may answer a transfer")
    if transfer.answer_seq is not None:
        raise Rejected("this transfer has already been answered")
    return transfer


def check_accept(entry):
    transfer = _answered_transfer(entry)
    if entry.ts >= transfer.deadline_ts:
        raise Rejected("this transfer has expired: accepts must be dated before its deadline")
    currency = Currency.objects.get(id=transfer.currency_id)
    account = account_of(currency, transfer.payee_id)
    refuse_if_closed(account)
    position = account.position_minor if account else 0
    ceiling = currency.ceiling_minor
    if ceiling is not None and position + transfer.amount_minor > ceiling:
        raise Rejected("accepting this payment would take the payee above the balance ceiling")


def _answer(entry, transfer) -> None:
    Transfer.objects.filter(id=transfer.id).update(answer_key=entry.author, answer_seq=entry.seq)


def apply_accept(entry):
    transfer = Transfer.objects.get(id=entry.data["transfer"])
    _answer(entry, transfer)
    Transfer.objects.filter(id=transfer.id).update(status="accepted")
    amount, payer_key = transfer.amount_minor, account_id(transfer.currency_id, transfer.payer_id)
    payee_key = account_id(transfer.currency_id, transfer.payee_id)
    sql.execute(f"UPDATE {sql.table(Account)} SET balance_minor = balance_minor - %s,"
                " pending_out_minor = pending_out_minor - %s WHERE id = %s",
                [amount, amount, payer_key])
    sql.execute(f"UPDATE {sql.table(Account)} SET balance_minor = balance_minor + %s,"
                " position_minor = position_minor + %s WHERE id = %s",
                [amount, amount, payee_key])
    sql.execute(f"UPDATE {sql.table(Currency)} SET volume_minor = volume_minor + %s,"
                " accepted_count = accepted_count + 1 WHERE id = %s",
                [amount, transfer.currency_id])
    Outcome.objects.create(id=entry.id, kind="accepted", transfer_id=transfer.id,
                           currency_id=transfer.currency_id, member_id=transfer.payer_id,
                           amount_minor=0)
    common = {"net": entry.net, "currency_id": transfer.currency_id, "kind": "transfer",
              "memo": transfer.memo, "ts": entry.ts, "entry_id": transfer.id}
    Movement.objects.bulk_create([
        Movement(id=f"{transfer.id}:out", member_id=transfer.payer_id,
                 counterparty_id=transfer.payee_id, amount_minor=-amount, **common),
        Movement(id=f"{transfer.id}:in", member_id=transfer.payee_id,
                 counterparty_id=transfer.payer_id, amount_minor=amount, **common),
    ])


def _release(entry, transfer, kind: str) -> None:
    """Give the amount back to the payer: once, however many releases a transfer gets; the
    payer's feed counts it when it names this entry in `seen`."""
    released = Transfer.objects.filter(id=transfer.id, status="pending").update(status="released")
    if released:
        sql.execute(f"UPDATE {sql.table(Account)} SET pending_out_minor = pending_out_minor - %s"
                    " WHERE id = %s",
                    [transfer.amount_minor, account_id(transfer.currency_id, transfer.payer_id)])
    Outcome.objects.create(id=entry.id, kind=kind, transfer_id=transfer.id,
                           currency_id=transfer.currency_id, member_id=transfer.payer_id,
                           amount_minor=transfer.amount_minor)


def check_decline(entry):
    _answered_transfer(entry)


def apply_decline(entry):
    transfer = Transfer.objects.get(id=entry.data["transfer"])
    _answer(entry, transfer)
    _release(entry, transfer, "declined")


def check_expire(entry):
    fields.only_fields(entry.data, {"transfer", "anchor"}, {"transfer", "anchor"})
    transfer_id = fields.entry_id(entry.data, "transfer")
    anchor_id = fields.entry_id(entry.data, "anchor")
    if transfer_id not in entry.deps or anchor_id not in entry.deps:
        raise Rejected("an expiry must list the transfer and its anchor in deps")
    transfer = Transfer.objects.filter(id=transfer_id, net=entry.net).first()
    if transfer is None:
        raise Rejected("no such transfer in this network")
    anchor = EntryRow.objects.filter(id=anchor_id).values_list("author", "seq", "ts").first()
    if anchor is None or member_for_key(entry.net, anchor[0]) != transfer.payee_id:
        raise Rejected("the anchor must be an entry of the payee's feed")
    if anchor[2] < transfer.deadline_ts:
        raise Rejected("the anchor is dated before the transfer's deadline: not expired yet")
    # Only an answer in the anchor's causal past (earlier in the same feed) stops an expiry.
    if transfer.answer_seq is not None and transfer.answer_key == anchor[0] \
            and transfer.answer_seq < anchor[1]:
        raise Rejected("the payee answered this transfer before the anchor")


def apply_expire(entry):
    _release(entry, Transfer.objects.get(id=entry.data["transfer"]), "expired")


