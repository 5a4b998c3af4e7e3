"""Shared set-up of the decision tests: an association of Alice, Bob, Carol and Dave (Carol is
the teller, Alice the steward); Eve is in the network but not in the association."""

import pytest

from commoning.accounts.access import account_for
from commoning.decisions import actions, rules
from commoning.decisions.testing import clock_at
from commoning.log import clock


@pytest.fixture
def association(net, alice, bob, carol, dave, eve):
    from commoning.association.testing import make_association

    return make_association(net, alice, members=(bob, carol, dave), stewards=(alice,),
                            tellers=(carol,))


def member_id(user) -> str:
    return account_for(user).member_id


def open_vote(user, method="majority", **options):
    """A proposal open for a minute (the shortest window) and a few seconds from now."""
    options.setdefault("closes_at", clock.now_ms() + rules.WINDOW_MIN_MS + 5_000)
    return actions.propose(user, question=options.pop("question", "Buy a laser cutter?"),
                           method=method, **options)


def close_at_end(teller, proposal):
    """Close the vote as `teller` with the clock at its end; the close entry."""
    with clock_at(proposal.closes_at):
        return actions.close(teller, proposal.id)
