"""The books' arithmetic, shared by the apply functions: postings checked for balance, and the
aggregates (account balances, month totals) moved when a movement takes or loses effect.

Every sum here is commutative, so balances depend only on which movements have effect, never on
the order they arrived in.
"""

from datetime import UTC, datetime

from commoning.log import sql
from commoning.treasury.models import Account, MonthTotal, Posting

MAX_POSTINGS = 6  # each posting's account is listed in deps, and deps hold at most 16


def month_of(ts: int) -> str:
    """The chart's bucket of a movement: its entry's month, in UTC."""
    return datetime.fromtimestamp(ts / 1000, tz=UTC).strftime("%Y-%m")


def balanced(postings: list[tuple[str, int]]) -> bool:
    """Debits equal credits: a movement is in one currency, so its signed amounts sum to 0."""
    return sum(amount for _account, amount in postings) == 0


def record_postings(movement_id: str, postings: list[tuple[str, int]]) -> None:
    posting_table = sql.table(Posting)
    for account_id, amount in postings:
        sql.execute(
            f"INSERT INTO {posting_table} (movement_id, account_id, amount_minor)"
            " VALUES (%s, %s, %s)", [movement_id, account_id, amount])


def take_effect(movement_id: str, postings, *, sign: int, treasury_id: str, currency: str,
                month: str, income_minor: int, spending_minor: int) -> None:
    """Move balances and month totals by a movement's postings (`sign` -1 undoes them)."""
    account_table = sql.table(Account)
    for account_id, amount in postings:
        sql.execute(f"UPDATE {account_table} SET balance_minor = balance_minor + %s WHERE id = %s",
                    [sign * amount, account_id])
    if income_minor or spending_minor:
        month_table = sql.table(MonthTotal)
        # Columns qualified by table: PostgreSQL finds a bare name ambiguous beside `excluded`.
        sql.execute(
            f"INSERT INTO {month_table} (treasury_id, currency, month, income_minor,"
            " spending_minor) VALUES (%s, %s, %s, %s, %s)"
            " ON CONFLICT (treasury_id, currency, month) DO UPDATE SET"
            f" income_minor = {month_table}.income_minor + excluded.income_minor,"
            f" spending_minor = {month_table}.spending_minor + excluded.spending_minor",
            [treasury_id, currency, month, sign * income_minor, sign * spending_minor])
        if sign < 0:
            # A month whose only movement lost its effect keeps no row, as if it never had one:
            # the rows must not depend on the order in which effects came and went.
            sql.execute(
                f"DELETE FROM {month_table} WHERE treasury_id = %s AND currency = %s"
                " AND month = %s AND income_minor = 0 AND spending_minor = 0",
                [treasury_id, currency, month])


def postings_of(movement_id: str) -> list[tuple[str, int]]:
    return [tuple(row) for row in sql.fetch_all(
        f"SELECT account_id, amount_minor FROM {sql.table(Posting)} WHERE movement_id = %s"
        " ORDER BY id", [movement_id])]
