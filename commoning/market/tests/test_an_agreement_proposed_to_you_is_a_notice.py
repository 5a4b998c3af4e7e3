"""An agreement proposed to a member shows among their notifications, linking to it; the one
who proposed it is not told of their own proposal."""

from commoning.market.actions import propose_agreement
from commoning.notify.sources import notices_for

from .helpers import local_currency, member_id, repair_offer


def test_an_agreement_proposed_to_you_is_a_notice(net, alice, bob):
    listing = repair_offer(bob, local_currency(net, alice))
    agreement = propose_agreement(alice, listing.id)
    told = [notice for notice in notices_for(net, member_id(bob))
            if notice.key.startswith("agreement:")]
    assert [notice.link for notice in told] == [f"/market/agreements/{agreement.id}/"]
    assert "Alice proposed an agreement" in told[0].text
    assert not [notice for notice in notices_for(net, member_id(alice))
                if notice.key.startswith("agreement:")]
