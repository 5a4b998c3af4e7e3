"""Amounts as people write them ("12.50") and as the books keep them (1250 minor units), by the
currency's exponent. Plain string arithmetic: no floats touch money."""

import re

from commoning.core.fields import FieldError

AMOUNT_TEXT = re.compile(r"^(\d{1,15})(?:[.,](\d{1,4}))?\Z")


def parse_amount(text, exponent: int, field: str = "amount") -> int:
    """'12.5' with exponent 2 -> 1250; refuse signs, letters, more decimals than the currency
    has, and zero."""
    if not isinstance(text, str) or len(text) > 24:
        raise FieldError(field, "write an amount such as 12.50")
    match = AMOUNT_TEXT.match(text.strip())
    if match is None:
        raise FieldError(field, "write an amount such as 12.50")
    whole, fraction = match.group(1), match.group(2) or ""
    if len(fraction) > exponent:
        raise FieldError(field, f"this currency has {exponent} decimals at most")
    minor = int(whole) * 10**exponent + int(fraction.ljust(exponent, "0") or "0")
    if minor <= 0:
        raise FieldError(field, "must be more than zero")
    if minor > 10**15:
        raise FieldError(field, "is too large")
    return minor


def format_minor(minor: int, exponent: int) -> str:
    """1250 with exponent 2 -> '12.50'; -5 -> '-0.05'."""
    sign, minor = ("-", -minor) if minor < 0 else ("", minor)
    if exponent == 0:
        return f"{sign}{minor}"
    whole, fraction = divmod(minor, 10**exponent)
    return f"{sign}{whole}.{fraction:0{exponent}d}"
