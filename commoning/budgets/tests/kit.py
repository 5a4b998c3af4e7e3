"""Helpers of budget tests: an association (Alice steward, Bob teller, Carol and Dave members;
Eve is in the network but not the association), a round, and a clock that can be moved."""

from commoning.accounts.access import account_for
from commoning.association.testing import make_association
from commoning.budgets import actions
from commoning.log import clock

HOUR = 3600 * 1000


class Clock:
    """The log's clock seam, moved by tests (monkeypatched `clock.now_ms`)."""

    def __init__(self, monkeypatch):
        self.now = clock.now_ms()
        monkeypatch.setattr(clock, "now_ms", lambda: self.now)

    def advance(self, ms: int) -> None:
        self.now += ms


def association(net, alice, bob, carol, dave):
    return make_association(net, alice, members=(carol, dave), stewards=(alice,), tellers=(bob,))


def open_round(steward, now: int, *, budget=1_000_00, title="Workshop hours 2026"):
    return actions.open_round(steward, title=title, budget_minor=budget, currency="EUR",
                              proposing_closes_ms=now + HOUR, voting_closes_ms=now + 2 * HOUR)


def member_id(user) -> str:
    return account_for(user).member_id


def to_voting(moved: Clock, round_row) -> None:
    moved.now = round_row.proposing_closes_ms + 60_000


def to_counting(moved: Clock, round_row) -> None:
    moved.now = round_row.voting_closes_ms + 60_000


def bearer(user) -> dict:
    """The Authorization header of a fresh API token of `user`."""
    from commoning.accounts.actions import create_api_token

    return {"Authorization": f"Bearer {create_api_token(user, 'test')[1]}"}
