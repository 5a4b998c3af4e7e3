"""Entry types of the books: open a treasury, open an account, record a movement (income or a
transfer). Only a steward (as the entry's roster heads show the association) may write them.

A recorded movement never touches an expenses account and never debits an income account:
money leaves the treasury only by a payment under a granted decision (events/payments.py).
"""

import json
import re

from commoning.core import fields
from commoning.log import sql
from commoning.log.registry import (
    Rejected,
    batch_memo,
    member_of,
    register,
    register_projection,
)
from commoning.treasury import governance
from commoning.treasury.events import ledger
from commoning.treasury.models import KINDS, Account, MonthTotal, Movement, Posting, Treasury

NAME_MAX = 120
MEMO_MAX = 200
MAX_CURRENCIES = 5
MAX_EXPONENT = 4
CURRENCY_CODE = re.compile(r"^[A-Z]{3}\Z")
MOVEMENT_KINDS = ("income", "transfer")


def check_currencies(value) -> dict:
    """[{"code": "EUR", "exponent": 2}, ...] -> {"EUR": 2}; ISO 4217 style, 1 to 5, unique."""
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_CURRENCIES:
        raise Rejected(f"a treasury keeps 1 to {MAX_CURRENCIES} currencies")
    currencies = {}
    for item in value:
        if not isinstance(item, dict):
            raise Rejected("a currency is {code, exponent}")
        fields.only_fields(item, {"code", "exponent"}, {"code", "exponent"})
        code = item["code"]
        if not isinstance(code, str) or not CURRENCY_CODE.match(code):
            raise Rejected("a currency code is three capital letters, such as EUR")
        fields.integer(item, "exponent", minimum=0, maximum=MAX_EXPONENT)
        if code in currencies:
            raise Rejected(f"currency {code} is listed twice")
        currencies[code] = item["exponent"]
    return currencies


def check_open(entry):
    fields.only_fields(entry.data, {"name", "currencies"}, {"name", "currencies"})
    fields.name(entry.data, "name", max_length=NAME_MAX)
    check_currencies(entry.data["currencies"])
    governance.steward_view(entry, member_of(entry))


def apply_open(entry):
    Treasury.objects.create(
        id=entry.id, net=entry.net, name=entry.data["name"],
        currencies=check_currencies(entry.data["currencies"]), opened_by=member_of(entry),
        opened_ts=entry.ts)


def treasury_in_deps(entry) -> dict:
    """{code: exponent} of the treasury the entry names and lists in deps; else refuse. Plain
    SQL and the batch's memo: every movement asks, on ingest and on rebuild."""
    treasury_id = fields.entry_id(entry.data, "treasury")
    if treasury_id not in entry.deps:
        raise Rejected("an entry of the books lists its treasury in deps")
    memo, key = batch_memo(), ("treasury.currencies", entry.net, treasury_id)
    if memo is not None and key in memo:
        return memo[key]  # a treasury's currencies never change once it is open
    row = sql.fetch_one(f"SELECT currencies FROM {sql.table(Treasury)} WHERE id = %s AND net = %s",
                        [treasury_id, entry.net])
    if row is None:
        raise Rejected("no such treasury in this network")
    currencies = row[0] if isinstance(row[0], dict) else json.loads(row[0])
    if memo is not None:
        memo[key] = currencies
    return currencies


def check_account(entry):
    fields.only_fields(entry.data, {"treasury", "name", "kind", "currency"},
                       {"treasury", "name", "kind", "currency"})
    currencies = treasury_in_deps(entry)
    fields.name(entry.data, "name", max_length=NAME_MAX)
    if entry.data["kind"] not in KINDS:
        raise Rejected("an account's kind is one of: " + ", ".join(KINDS))
    if entry.data["currency"] not in currencies:
        raise Rejected("the treasury keeps no such currency")
    governance.steward_view(entry, member_of(entry))


def apply_account(entry):
    Account.objects.create(
        id=entry.id, net=entry.net, treasury_id=entry.data["treasury"],
        name=entry.data["name"], kind=entry.data["kind"], currency=entry.data["currency"],
        opened_ts=entry.ts)


def accounts_in_deps(entry, treasury_id: str, account_ids: list[str]) -> dict:
    """{account id: (kind, currency)} of accounts the entry lists in deps, all of this treasury."""
    found = {}
    for account_id in account_ids:
        if account_id not in entry.deps:
            raise Rejected("every account a movement touches is listed in deps")
        row = sql.fetch_one(
            f"SELECT kind, currency FROM {sql.table(Account)} WHERE id = %s AND treasury_id = %s",
            [account_id, treasury_id])
        if row is None:
            raise Rejected("no such account in this treasury")
        found[account_id] = tuple(row)
    return found


def checked_postings(value) -> list[tuple[str, int]]:
    if not isinstance(value, list) or not 2 <= len(value) <= ledger.MAX_POSTINGS:
        raise Rejected(f"a movement has 2 to {ledger.MAX_POSTINGS} postings")
    postings = []
    for item in value:
        if not isinstance(item, dict):
            raise Rejected("a posting is {account, amount}")
        fields.only_fields(item, {"account", "amount"}, {"account", "amount"})
        account_id = fields.entry_id(item, "account")
        amount = fields.integer(item, "amount", minimum=-governance.CURRENCY_MAX_MINOR,
                                maximum=governance.CURRENCY_MAX_MINOR)
        if amount == 0:
            raise Rejected("a posting moves some amount (debits positive, credits negative)")
        postings.append((account_id, amount))
    if len({account_id for account_id, _amount in postings}) != len(postings):
        raise Rejected("a movement names each account once")
    if not ledger.balanced(postings):
        raise Rejected("debits and credits of a movement must be equal")
    return postings


def check_movement(entry):
    fields.only_fields(entry.data, {"treasury", "kind", "postings", "memo"},
                       {"treasury", "kind", "postings"})
    treasury_in_deps(entry)
    if entry.data["kind"] not in MOVEMENT_KINDS:
        raise Rejected("a recorded movement is income or a transfer; payments go by decision")
    if "memo" in entry.data:
        fields.text(entry.data, "memo", max_length=MEMO_MAX)
    postings = checked_postings(entry.data["postings"])
    accounts = accounts_in_deps(entry, entry.data["treasury"],
                                [account for account, _ in postings])
    if len({currency for _kind, currency in accounts.values()}) != 1:
        raise Rejected("a movement is in one currency")
    for account_id, amount in postings:
        kind = accounts[account_id][0]
        if kind == "expenses":
            raise Rejected("money is spent only by a payment under a granted decision")
        if kind == "income" and (amount > 0 or entry.data["kind"] != "income"):
            raise Rejected("an income account is only credited, and only by income")
    if entry.data["kind"] == "income" and not any(
            accounts[account_id][0] == "income" for account_id, _ in postings):
        raise Rejected("income credits an income account")
    governance.steward_view(entry, member_of(entry))


def apply_movement(entry):
    postings = checked_postings(entry.data["postings"])
    treasury_id = entry.data["treasury"]
    marks = ", ".join(["%s"] * len(postings))
    kinds = dict(sql.fetch_all(f"SELECT id, kind FROM {sql.table(Account)} WHERE id IN ({marks})",
                               [account for account, _ in postings]))
    currency = sql.fetch_one(f"SELECT currency FROM {sql.table(Account)} WHERE id = %s",
                             [postings[0][0]])[0]
    income = -sum(amount for account, amount in postings if kinds[account] == "income")
    month = ledger.month_of(entry.ts)
    sql.execute(
        f"INSERT INTO {sql.table(Movement)} (id, net, treasury_id, kind, status, currency,"
        " amount_minor, memo, author_id, ts, month, decision_id, payee, approvals_needed,"
        " approvers) VALUES (%s, %s, %s, %s, 'effective', %s, %s, %s, %s, %s, %s, '', '', 0, '[]')",
        [entry.id, entry.net, treasury_id, entry.data["kind"], currency,
         sum(amount for _account, amount in postings if amount > 0), entry.data.get("memo", ""),
         member_of(entry), entry.ts, month])
    ledger.record_postings(entry.id, postings)
    ledger.take_effect(entry.id, postings, sign=1, treasury_id=treasury_id, currency=currency,
                       month=month, income_minor=income, spending_minor=0)


register("treasury.open", check=check_open, apply=apply_open)
register("treasury.account", check=check_account, apply=apply_account)
register("treasury.movement", check=check_movement, apply=apply_movement)
for model in (Treasury, Account, Movement, Posting, MonthTotal):
    register_projection(model)
