"""A proposal's effect is kept as the entry carried it; a local action hands the apply function
the dict in the order the caller wrote it, while a node that ingests the entry parses canonical
JSON (keys sorted). Both nodes hold the same projection, so the state hash must not depend on
the order of the keys in a stored JSON value."""

from commoning.decisions.models import Proposal
from commoning.decisions.testing import pass_decision
from commoning.log.state_hash import state_hash
from commoning.log.tests.oracle import state_hash_in_memory


def test_the_state_hash_is_the_same_whatever_the_stored_key_order(
        association, net, alice, bob, carol):
    pass_decision(net, alice, [alice, bob, carol], carol,
                  effect={"role": "teller", "kind": "elect"}, method="approval", options=["x"])
    proposal = Proposal.objects.get()
    before = state_hash(net), state_hash_in_memory(net)
    reordered = dict(reversed(list(proposal.effect.items())))
    assert list(reordered) != list(proposal.effect)
    Proposal.objects.filter(pk=proposal.pk).update(effect=reordered)
    assert state_hash(net) == before[0]
    assert state_hash_in_memory(net) == before[1]
    # ...while a changed value still changes it: the hash reads the effect at all.
    Proposal.objects.filter(pk=proposal.pk).update(effect={"kind": "elect", "role": "steward"})
    assert state_hash(net) != before[0]
