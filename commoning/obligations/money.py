"""Amounts as members read and write them: minor units shown with two decimals, parsed
strictly (digits, an optional point and at most two decimals), never through a float."""

import re

from commoning.obligations import rules

AMOUNT_TEXT = re.compile(r"([0-9]{1,13})(?:[.,]([0-9]{1,2}))?")


def parse_amount(text: str) -> int | None:
    """Minor units from "12", "12.5" or "12,50"; None when it is not such a number."""
    found = AMOUNT_TEXT.fullmatch((text or "").strip())
    if found is None:
        return None
    whole, fraction = found.group(1), (found.group(2) or "").ljust(2, "0")
    amount = int(whole) * 100 + int(fraction)
    return amount if 1 <= amount <= rules.MAX_AMOUNT else None


def format_amount(minor_units: int) -> str:
    sign = "-" if minor_units < 0 else ""
    whole, cents = divmod(abs(minor_units), 100)
    return f"{sign}{whole:,}.{cents:02d}"
