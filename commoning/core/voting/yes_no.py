"""Consent and majority: one question, answered yes or not.

Consent passes unless a reasoned objection stands (every "object" ballot carries a reason,
checked in ballots.py). Majority passes when yes > threshold * (yes + no), strictly:
abstentions count towards the quorum only. Neither elects an option, so winners is empty.
"""

from collections import Counter

from commoning.core.voting.ballots import CHOICES, Decision
from commoning.core.voting.outcome import Count


def consent(decision: Decision) -> Count:
    counts = _choice_counts(decision)
    return Count(winners=[], passed=counts["object"] == 0, counts=counts)


def majority(decision: Decision) -> Count:
    counts = _choice_counts(decision)
    num, den = decision.threshold
    # yes/(yes+no) > num/den, in integers; with no yes and no no at all it does not pass.
    passed = counts["yes"] * den > num * (counts["yes"] + counts["no"])
    return Count(winners=[], passed=passed, counts=counts)


def _choice_counts(decision: Decision) -> dict[str, int]:
    tallied = Counter(decision.ballots)
    return {choice: tallied[choice] for choice in CHOICES[decision.method]}
