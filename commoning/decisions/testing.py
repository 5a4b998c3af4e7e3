"""Test helpers for apps that enact decisions: pass one through the real actions."""

from contextlib import contextmanager
from unittest import mock

from commoning.decisions import actions, rules
from commoning.log import clock


@contextmanager
def clock_at(ms: int):
    """Move the log's clock to `ms` for the block (append dates entries by clock.now_ms)."""
    with mock.patch.object(clock, "now_ms", lambda: ms):
        yield


def ballot_for(method: str, options) -> dict:
    """A ballot for every option in the order given (yes for consent and majority)."""
    options = list(options)
    if method in rules.YES_NO_METHODS:
        return {"choice": "yes"}
    if method == "approval":
        return {"approve": options}
    if method == "score":
        return {"scores": {option: 5 for option in options}}
    return {"ranking": options}


def pass_decision(net, proposer_user, voters, teller_user, effect=None, kind=None,
                  method="majority", options=(), seats=None, question="Shall we?") -> str:
    """Propose, have each of `voters` vote for it, close it as `teller_user`; the close id.

    The vote closes a minute after it opens; the close is made with the clock moved there
    (within the log's 10-minute tolerance, so later entries of the test are not parked).
    """
    opens = clock.now_ms()
    closes_at = opens + rules.WINDOW_MIN_MS
    with clock_at(opens):
        proposal = actions.propose(proposer_user, question=question, method=method,
                                   closes_at=closes_at, options=options, kind=kind,
                                   effect=effect, seats=seats)
    for voter in voters:
        actions.vote(voter, proposal.id, ballot_for(method, options))
    with clock_at(closes_at):
        return actions.close(teller_user, proposal.id).id
