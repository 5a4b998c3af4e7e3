"""What a counting method returns, before quorum and digest are applied by tally.py."""

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass
class Count:
    """A method's result: winners by option id, passed (None for methods that elect), the
    method's counts and its rounds, all plain JSON values."""

    winners: list[str]
    passed: bool | None
    counts: dict
    rounds: list = field(default_factory=list)


def fraction_text(value: Fraction | int) -> str:
    """An exact vote total as text: "12" or "35/3" (JSON has no exact fractions)."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def top_by_support(support: list, seats: int, tie_order: tuple[int, ...]) -> list[int]:
    """The `seats` option indices with the most support, ties to the earlier in tie_order;
    an option needs some support (> 0) to win."""
    rank_in_tie_order = {index: rank for rank, index in enumerate(tie_order)}
    ordered = sorted(range(len(support)), key=lambda i: (-support[i], rank_in_tie_order[i]))
    return [index for index in ordered[:seats] if support[index] > 0]
