"""The demo's decisions: a closed vote of every method, an open one and a delegation."""

from commoning.decisions.demo import seed_decisions
from commoning.decisions.models import Close, Delegation, Proposal


def test_the_demo_closes_a_vote_of_every_method_and_leaves_one_open(net, alice, bob, carol,
                                                                    dave, eve):
    from commoning.association.testing import make_association

    make_association(net, alice, members=(bob, carol, dave, eve), stewards=(alice,),
                     tellers=(carol,))
    users = {"alice": alice, "bob": bob, "carol": carol, "dave": dave, "eve": eve}
    seed_decisions(users, progress=lambda text: None)
    closed = Proposal.objects.filter(close_id__isnull=False)
    assert sorted(closed.values_list("method", flat=True)) == sorted(
        ["consent", "majority", "approval", "score", "irv", "schulze", "stv"])
    assert Proposal.objects.filter(close_id__isnull=True).count() == 1
    assert Delegation.objects.exclude(delegate_id=None).exists()
    stv = Close.objects.get(proposal_id=closed.get(method="stv").id)
    assert len(stv.winners) == 2
