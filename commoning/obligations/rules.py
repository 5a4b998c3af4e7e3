"""The parameters of obligations and clearing runs, in one place, and the certificate a run's
entry carries (built from its data, checked with the core's one-pass check)."""

import re

from commoning.core import limits
from commoning.core.clearing.certificate import Certificate
from commoning.core.clearing.obligations import Obligation as CoreObligation

UNIT = re.compile(r"[^\s]{1,12}")  # "EUR", "h", a credit currency's symbol
MEMO_MAX = 200
MAX_AMOUNT = limits.MAX_CLEARING_AMOUNT
# A run's obligations and members must fit one entry: 64 KiB of payload (an item is about
# 95 bytes, a member's potential and position about 150) and 16 deps (one per key whose
# entries the rule relies on), so a run takes at most 400 obligations among at most 16 keys.
MAX_RUN_OBLIGATIONS = 400
MAX_RUN_MEMBERS = 32
# A CSV import: bounded so one upload is one entry per row within one transaction.
MAX_IMPORT_BYTES = 256 * 1024
MAX_IMPORT_ROWS = 500


def run_certificate(data: dict, parties: dict[str, tuple[str, str]]) -> Certificate:
    """The certificate stated by a run's data. `parties` maps each obligation id to its
    (debtor, creditor) as recorded; amounts are what the run says was owed before it."""
    items = data["items"]
    obligations = [CoreObligation(oid, *parties[oid], before) for oid, before, _ in items]
    return Certificate(
        obligations=obligations,
        set_off={oid: set_off for oid, _, set_off in items},
        excluded=frozenset(),
        opted_out=frozenset(),
        net_positions=dict(data["positions"]),
        potentials=dict(data["potentials"]),
        total=data["total"],
        cleared=data["cleared"],
    )
