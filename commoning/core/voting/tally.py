"""Tally a decision: run its method, apply the quorum, and seal the outcome with a digest.

This is the one entry point the node, `commoning decide tally` and the tests share. Quorum:
ballots cast (abstentions and empty ballots included) >= quorum. Without a quorum there are no
winners and nothing passes, but the counts and rounds are still shown.
"""

from commoning.core.voting import cardinal, ranked, stv, yes_no
from commoning.core.voting.ballots import Decision, check_decision, parse_decision
from commoning.core.voting.digest import tally_digest

METHOD_FUNCTIONS = {
    "consent": yes_no.consent,
    "majority": yes_no.majority,
    "approval": cardinal.approval,
    "score": cardinal.score,
    "irv": ranked.irv,
    "schulze": ranked.schulze,
    "stv": stv.stv,
}


def tally(decision: Decision) -> dict:
    """The outcome: {"winners", "passed", "quorum_reached", "counts", "rounds", "digest"}.

    `passed` is true or false for consent and majority, null for the methods that elect.
    """
    count = METHOD_FUNCTIONS[decision.method](decision)
    quorum_reached = decision.ballots_cast >= decision.quorum
    passed = count.passed
    if passed is not None:
        passed = passed and quorum_reached
    outcome = {
        "winners": count.winners if quorum_reached else [],
        "passed": passed,
        "quorum_reached": quorum_reached,
        "counts": count.counts,
        "rounds": count.rounds,
    }
    outcome["digest"] = tally_digest(decision.normalised, outcome)
    return outcome


def tally_value(value) -> dict:
    """Tally a decision given as parsed JSON (a dict)."""
    return tally(check_decision(value))


def tally_bytes(raw: bytes) -> dict:
    """Tally a decision file's bytes."""
    return tally(parse_decision(raw))
