"""Amounts as people type and read them, in a currency's minor units (never floats)."""

import re

from commoning.budgets import rules as R

AMOUNT = re.compile(r"^(\d{1,15})(?:[.,](\d{1,3}))?\Z")


def parse_amount(text: str, currency: str) -> int | None:
    """"1500", "1500.5" or "1500,50" in `currency` as minor units; None if it is not one or
    has more digits after the point than the currency has."""
    found = AMOUNT.match((text or "").strip().replace(" ", "").replace("_", ""))
    if found is None:
        return None
    whole, fraction = found.group(1), found.group(2) or ""
    exponent = R.exponent_of(currency)
    if len(fraction) > exponent:
        return None
    return int(whole) * 10**exponent + int(fraction.ljust(exponent, "0") or 0)


def format_amount(minor: int, currency: str) -> str:
    exponent = R.exponent_of(currency)
    whole, fraction = divmod(abs(int(minor)), 10**exponent)
    sign = "-" if minor < 0 else ""
    shown = f"{sign}{whole:,}" + (f".{fraction:0{exponent}d}" if exponent else "")
    return f"{shown} {currency}"
