"""A member's notifications list open votes they may cast a ballot in: not once they voted, and
never a vote they are outside the electorate of."""

from commoning.decisions import actions
from commoning.decisions.tests.kit import member_id, open_vote
from commoning.notify.sources import notices_for


def _vote_notices(net, user):
    return [notice for notice in notices_for(net, member_id(user))
            if notice.key.startswith("vote:")]


def test_an_elector_is_told_until_they_vote(association, net, alice, bob):
    proposal = open_vote(alice, question="Paint the barn red?")
    notices = _vote_notices(net, bob)
    assert [notice.key for notice in notices] == ["vote:" + proposal.id]
    assert "Paint the barn red?" in notices[0].text
    actions.vote(bob, proposal.id, {"choice": "yes"})
    assert _vote_notices(net, bob) == []


def test_a_member_outside_the_electorate_is_not_told(association, net, alice, eve):
    open_vote(alice)
    assert _vote_notices(net, eve) == []
