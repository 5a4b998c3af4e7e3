"""The demo's association: eight members, three stewards, two tellers, two of them approve a
payment; decisions, treasury and budgeting demos build on `seed_association`."""

from commoning.accounts.access import account_for
from commoning.accounts.operators import grant
from commoning.association.demo import seed_association
from commoning.testing import make_member


def test_it_seeds_the_association_of_the_valley(net):
    users = {name: make_member(net, name) for name in
             ("alice", "bob", "carol", "dave", "eve", "farah", "gus", "hana")}
    grant("alice", by="test")
    view = seed_association(users, progress=lambda message: None)
    assert len(view.members) == 8
    assert view.stewards == {account_for(users[name]).member_id for name in ("alice", "carol",
                                                                             "gus")}
    assert len(view.tellers) == 2
    assert view.statutes.payment_approvals == 2
    assert view.pending_joins == ()
