"""The parameters of budget rounds, defined once: every rule, action, form and page reads them
here."""

import re

TITLE_MAX = 120
DESCRIPTION_MAX = 2_000
# 10^15 minor units: a trillion euros, far below 2^53, so sums of costs stay exact integers.
AMOUNT_MAX = 10**15
CURRENCY = re.compile(r"^[A-Z]{3}\Z")
# How far ahead a round's windows may close: a year, so a typo cannot freeze a round for ever.
WINDOW_MAX_MS = 366 * 24 * 3600 * 1000
# A ballot approves at most this many projects, and a round takes at most this many projects
# through the pages (the rule cannot cap a count: which project came first depends on order).
APPROVALS_MAX = 200
PROJECTS_MAX = 200
# A close lists the ballots that count in its data (deps hold at most 16 ids); 64-hex ids of
# 67 bytes each keep it well inside the 64 KiB payload.
CLOSE_BALLOTS_MAX = 900
# Digits after the decimal point per currency; others are taken as 2.
EXPONENTS = {"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "BHD": 3, "KWD": 3, "TND": 3}


def exponent_of(currency: str) -> int:
    return EXPONENTS.get(currency, 2)
