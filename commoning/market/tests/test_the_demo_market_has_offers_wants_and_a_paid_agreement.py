"""The demo's market: a dozen offers and wants in the valley, Bob's repair and bed among them,
a reply thread, and an agreement paid in the local currency."""

from commoning.demo import MEMBERS
from commoning.market import payments
from commoning.market.demo import LISTINGS, seed_market
from commoning.market.models import Agreement, Listing
from commoning.testing import make_member


def test_the_demo_market_has_offers_wants_and_a_paid_agreement(net):
    users = {username: make_member(net, username, name) for username, name, _bio in MEMBERS}
    seed_market(users, progress=lambda _line: None)
    assert Listing.objects.count() == len(LISTINGS) >= 12
    assert set(Listing.objects.values_list("side", flat=True)) == {"offer", "want"}
    assert Listing.objects.filter(title="A bed for a travelling member", currency_id="").exists()
    agreement = Agreement.objects.get()
    assert agreement.accepted
    assert payments.payment_of(agreement) == payments.PAID
