"""Approval and score voting: each option's support is a sum; the most supported win.

With several seats the `seats` best win. Ties go to the option whose id sorts first
(Decision.tie_order); an option nobody supported does not win.
"""

from commoning.core.voting.ballots import Decision
from commoning.core.voting.outcome import Count, top_by_support


def approval(decision: Decision) -> Count:
    approvals = [0] * len(decision.options)
    for approved in decision.ballots:
        for index in approved:
            approvals[index] += 1
    return _outcome(decision, approvals)


def score(decision: Decision) -> Count:
    totals = [0] * len(decision.options)
    for pairs in decision.ballots:
        for index, points in pairs:
            totals[index] += points
    return _outcome(decision, totals)


def _outcome(decision: Decision, support: list[int]) -> Count:
    winners = top_by_support(support, decision.seats, decision.tie_order)
    return Count(
        winners=[decision.options[index] for index in winners],
        passed=None,
        counts=dict(zip(decision.options, support, strict=True)),
    )
