"""Obligations to clear: their shape, their rules, and the CSV they are read from and written to.

An obligation says that a debtor owes a creditor an amount in integer minor units. The CSV is
`id,debtor,creditor,amount` with that header line; the same file goes in and out, so a
network's obligations can be cleared by `commoning credit clear` on any machine. Everything
read is bounded (commoning.core.limits) and every refusal names the line it is about.
"""

import csv
import io
import itertools
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from commoning.core import limits

HEADER = ("id", "debtor", "creditor", "amount")
# Whole minor units only: no sign, no decimal point, no exponent (19 digits pass 2**63).
AMOUNT_DIGITS = re.compile(r"[0-9]{1,19}")


@dataclass(frozen=True, slots=True)
class Obligation:
    """`debtor` owes `creditor` `amount` minor units; `id` names it in results and certificates."""

    id: str
    debtor: str
    creditor: str
    amount: int


class ObligationError(ValueError):
    """An obligation or a file of them breaks a rule; `line` is the CSV line (1 = header), or
    None when the obligations did not come from a file."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        self.reason = message
        super().__init__(f"line {line}: {message}" if line is not None else message)


def check_obligation(obligation: Obligation, line: int | None = None) -> None:
    """Refuse an obligation that cannot be cleared: empty or long names, a member owing
    themselves, an amount that is not a positive integer within the bounds."""
    for field in ("id", "debtor", "creditor"):
        value = getattr(obligation, field)
        if not isinstance(value, str) or not value:
            raise ObligationError(f"{field} is empty", line)
        if value != value.strip():
            # The CSV reader strips cells, so such a name would not come back as it went out.
            raise ObligationError(f"{field} starts or ends with a space", line)
        if len(value) > limits.MAX_CLEARING_FIELD_CHARS:
            raise ObligationError(
                f"{field} is longer than {limits.MAX_CLEARING_FIELD_CHARS} characters", line
            )
    if obligation.debtor == obligation.creditor:
        raise ObligationError(f"{obligation.debtor} cannot owe themselves", line)
    amount = obligation.amount
    # bool is an int in Python; a True amount is a bug upstream, not one minor unit.
    if type(amount) is not int or amount < 1:
        raise ObligationError(f"amount must be a positive whole number, got {amount!r}", line)
    if amount > limits.MAX_CLEARING_AMOUNT:
        raise ObligationError(f"amount is above {limits.MAX_CLEARING_AMOUNT}", line)


def valid_in_bulk(
    ids: list, debtors: list, creditors: list, amounts: list
) -> bool:
    """True only when check_obligation would accept every obligation given as four columns
    (equal lengths). Each test is one C-level pass over a column (map, min, max, set), so a
    million obligations take a fraction of a second; False sends the caller to the
    per-obligation check, which names what is wrong. It may refuse more (a str subclass,
    say) but never accepts what check_obligation refuses."""
    for column in (ids, debtors, creditors):
        if not column:
            continue
        if set(map(type, column)) != {str}:
            return False
        lengths = list(map(len, column))
        if min(lengths) < 1 or max(lengths) > limits.MAX_CLEARING_FIELD_CHARS:
            return False
        # str.strip returns the string itself when there is nothing to strip: no copies.
        if not all(map(str.__eq__, column, map(str.strip, column))):
            return False
    if any(map(operator.eq, debtors, creditors)):
        return False
    return not amounts or (
        set(map(type, amounts)) == {int}
        and min(amounts) >= 1
        and max(amounts) <= limits.MAX_CLEARING_AMOUNT
    )


def check_obligations(obligations: Iterable[Obligation]) -> list[Obligation]:
    """Every obligation valid, ids unique, counts and the total within bounds; returns them
    as a list."""
    # One past the bound is enough to refuse: a runaway generator is not drawn to its end.
    given = list(itertools.islice(obligations, limits.MAX_CLEARING_OBLIGATIONS + 1))
    try:
        ids = [obligation.id for obligation in given]
        amounts = [obligation.amount for obligation in given]
        in_bounds = (
            len(given) <= limits.MAX_CLEARING_OBLIGATIONS
            and valid_in_bulk(ids, [obligation.debtor for obligation in given],
                              [obligation.creditor for obligation in given], amounts)
            and sum(amounts) <= limits.MAX_CLEARING_TOTAL
        )
    except AttributeError:
        in_bounds = False  # not obligations at all: the loop below says which one
    if in_bounds and len(set(ids)) == len(ids):
        return given
    # Something is wrong: find the first obligation at fault, one at a time, as ever.
    checked: list[Obligation] = []
    seen_ids: set[str] = set()
    total = 0
    for obligation in given:
        check_obligation(obligation)
        if obligation.id in seen_ids:
            raise ObligationError(f"id {obligation.id} appears twice")
        seen_ids.add(obligation.id)
        total += obligation.amount
        checked.append(obligation)
        if len(checked) > limits.MAX_CLEARING_OBLIGATIONS:
            raise ObligationError(f"more than {limits.MAX_CLEARING_OBLIGATIONS} obligations")
    if total > limits.MAX_CLEARING_TOTAL:
        raise ObligationError(f"the amounts add up to more than {limits.MAX_CLEARING_TOTAL}")
    return checked


def read_csv(stream: BinaryIO) -> list[Obligation]:
    """Read `id,debtor,creditor,amount` rows (UTF-8, a header line, blank lines ignored).

    Refuses, naming the line: a missing or different header, a row without four fields, any
    rule of check_obligation, an id seen before; and a file past its byte, row or total bound.
    """
    raw = stream.read(limits.MAX_CLEARING_CSV_BYTES + 1)
    if len(raw) > limits.MAX_CLEARING_CSV_BYTES:
        raise ObligationError(f"the file is larger than {limits.MAX_CLEARING_CSV_BYTES} bytes")
    try:
        # utf-8-sig: spreadsheets often start a CSV with a byte-order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ObligationError("the file is not UTF-8 text", line) from error
    del raw
    return _read_rows(io.StringIO(text, newline=""))


def _read_rows(text: TextIO) -> list[Obligation]:
    reader = csv.reader(text, strict=True)
    obligations: list[Obligation] = []
    seen_ids: dict[str, int] = {}
    members: dict[str, str] = {}  # one string object per member, however many rows name them
    total = 0
    header_seen = False
    try:
        for row in reader:
            line = reader.line_num
            if not row or row == [""]:
                continue
            if not header_seen:
                if tuple(cell.strip() for cell in row) != HEADER:
                    raise ObligationError(
                        "the first line must be the header id,debtor,creditor,amount", line
                    )
                header_seen = True
                continue
            if len(row) != len(HEADER):
                raise ObligationError(f"expected 4 fields, found {len(row)}", line)
            obligation_id, debtor, creditor, amount_text = (cell.strip() for cell in row)
            if not AMOUNT_DIGITS.fullmatch(amount_text):
                raise ObligationError(
                    f"amount must be a whole number of minor units, got {amount_text[:40]!r}",
                    line,
                )
            obligation = Obligation(
                obligation_id,
                members.setdefault(debtor, debtor),
                members.setdefault(creditor, creditor),
                int(amount_text),
            )
            check_obligation(obligation, line)
            if obligation_id in seen_ids:
                raise ObligationError(
                    f"id {obligation_id} was used on line {seen_ids[obligation_id]}", line
                )
            seen_ids[obligation_id] = line
            total += obligation.amount
            obligations.append(obligation)
            if len(obligations) > limits.MAX_CLEARING_OBLIGATIONS:
                raise ObligationError(
                    f"more than {limits.MAX_CLEARING_OBLIGATIONS} obligations", line
                )
    except csv.Error as error:
        raise ObligationError(f"not a valid CSV row ({error})", reader.line_num) from error
    if not header_seen:
        raise ObligationError("the file is empty: it needs the header id,debtor,creditor,amount")
    if total > limits.MAX_CLEARING_TOTAL:
        raise ObligationError(f"the amounts add up to more than {limits.MAX_CLEARING_TOTAL}")
    return obligations


def write_csv(obligations: Iterable[Obligation], stream: TextIO) -> int:
    """Write obligations as the CSV read_csv reads (header first); returns the rows written.
    The stream should be opened with newline="" so the csv module controls line ends."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    count = 0
    for obligation in obligations:
        writer.writerow((obligation.id, obligation.debtor, obligation.creditor,
                         obligation.amount))
        count += 1
    return count
