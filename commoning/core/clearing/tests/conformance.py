"""Where the published clearing cases are read from at test time, and how to read them.

The files live in the shared conformance folder beside the repository (`shared/conformance/
clearing/`), never copied into the project (their licences and the Sarafu data terms travel
with them there); `commoning.testing.conformance_folder` finds it, or COMMONING_CONFORMANCE.
"""

from pathlib import Path

from commoning.core.clearing.obligations import Obligation
from commoning.testing import conformance_folder


def clearing_file(relative: str) -> Path:
    """The path of a clearing case; skips the test (saying why) when the folder is absent."""
    return conformance_folder("clearing") / relative


def read_edge_list(path: Path, scale: int = 1) -> list[Obligation]:
    """Space-separated `debtor creditor amount` lines (the jerboa and strategy-pit format),
    amounts times `scale` as integers (exact: decimals are parsed as text, never as floats),
    one obligation per (debtor, creditor) pair with repeated pairs summed."""
    by_pair: dict[tuple[str, str], int] = {}
    for line in path.read_text().split("\n"):
        if not line.strip():
            continue
        debtor, creditor, amount_text = line.split()
        by_pair[debtor, creditor] = by_pair.get((debtor, creditor), 0) + scaled(amount_text, scale)
    return [
        Obligation(f"{debtor}>{creditor}", debtor, creditor, amount)
        for (debtor, creditor), amount in by_pair.items()
    ]


def scaled(amount_text: str, scale: int) -> int:
    whole, _, fraction = amount_text.partition(".")
    digits = len(str(scale)) - 1
    assert len(fraction) <= digits, f"{amount_text} has more decimals than x{scale} keeps"
    return int(whole) * scale + int(fraction.ljust(digits, "0") or 0)
