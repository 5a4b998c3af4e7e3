"""Amounts of credit: integers of minor units (10**-exponent of the unit), never floats.

`parse_amount` is strict: digits, at most one decimal point, at most `exponent` decimals, no
sign, no exponent notation, no grouping. `format_amount` writes them back exactly.
"""

import re

AMOUNT_MAX_MINOR = 10**15  # far above any real balance, far below 2**63
_AMOUNT = re.compile(r"\A(\d{1,16})(?:\.(\d{1,8}))?\Z")


class AmountError(ValueError):
    """Text that is not an amount of this currency."""


def parse_amount(text, exponent: int) -> int:
    """'12.50' with exponent 2 -> 1250. Raises AmountError on anything else."""
    if not isinstance(text, str):
        raise AmountError("an amount must be written as text, e.g. 12.50")
    match = _AMOUNT.match(text.strip())
    if match is None:
        raise AmountError("write an amount as digits with an optional decimal point, e.g. 12.50")
    whole, decimals = match.group(1), match.group(2) or ""
    if len(decimals) > exponent:
        raise AmountError(f"this currency has {exponent} decimal places")
    amount_minor = int(whole) * 10**exponent + int(decimals.ljust(exponent, "0") or "0")
    if amount_minor > AMOUNT_MAX_MINOR:
        raise AmountError("that amount is too large")
    return amount_minor


def format_amount(amount_minor: int, exponent: int, symbol: str = "") -> str:
    """1250, 2, 'h' -> '12.50 h'; -5, 2 -> '-0.05'."""
    sign = "-" if amount_minor < 0 else ""
    whole, part = divmod(abs(int(amount_minor)), 10**exponent)
    number = f"{sign}{whole}.{part:0{exponent}d}" if exponent else f"{sign}{whole}"
    return f"{number} {symbol}" if symbol else number
