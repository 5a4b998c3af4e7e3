"""Every movement of a treasury as CSV, one row per posting, oldest first: streamed in chunks
(the standard csv module writes each row), so a long history never sits in memory. The web
export and `commoning treasury csv` share it."""

import csv
from datetime import UTC, datetime

from commoning.treasury.models import Account, Movement, Posting
from commoning.treasury.money import format_minor

HEADER = ["movement", "date", "kind", "status", "account", "account_kind", "currency", "debit",
          "credit", "amount_minor", "memo", "decision", "payee", "approvers"]
CHUNK = 500


class _Line:
    """A file-like that hands back the line the csv writer just wrote."""

    def write(self, text):
        return text


def _text(value: str) -> str:
    """Text a member typed, kept from being read as a formula by a spreadsheet (OWASP's advice:
    a leading quote before = + - @ and tab or carriage return)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _date(ts: int) -> str:
    return datetime.fromtimestamp(ts / 1000, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def csv_rows(treasury):
    """Each posting of each movement, oldest first, as a list of text cells."""
    accounts = {account.id: account for account in Account.objects.filter(
        treasury_id=treasury.id)}
    movements = Movement.objects.filter(treasury_id=treasury.id).order_by("ts", "id")
    after = None
    while True:
        chunk_query = movements
        if after is not None:
            chunk_query = movements.filter(ts__gte=after[0]).exclude(ts=after[0], id__lte=after[1])
        chunk = list(chunk_query[:CHUNK])
        if not chunk:
            return
        postings: dict[str, list] = {}
        for movement_id, account_id, amount in Posting.objects.filter(
                movement_id__in=[m.id for m in chunk]).order_by("id").values_list(
                "movement_id", "account_id", "amount_minor"):
            postings.setdefault(movement_id, []).append((account_id, amount))
        for movement in chunk:
            exponent = treasury.currencies.get(movement.currency, 2)
            for account_id, amount in postings.get(movement.id, []):
                account = accounts[account_id]
                yield [movement.id, _date(movement.ts), movement.kind, movement.status,
                       _text(account.name), account.kind, movement.currency,
                       format_minor(amount, exponent) if amount > 0 else "",
                       format_minor(-amount, exponent) if amount < 0 else "", str(amount),
                       _text(movement.memo), movement.decision_id, _text(movement.payee),
                       " ".join(movement.approvers)]
        after = (chunk[-1].ts, chunk[-1].id)


def csv_lines(treasury):
    """The CSV text of `csv_rows`, a line at a time, header first."""
    writer = csv.writer(_Line())
    yield writer.writerow(HEADER)
    for row in csv_rows(treasury):
        yield writer.writerow(row)
