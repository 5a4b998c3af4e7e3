"""Listings, their edits by last writer per field, agreements, acceptances and the payments
that settle them give the same shared state, the same marketplace and the same paid agreements
in any order of delivery."""

from commoning.credit.actions import do_accept
from commoning.log.tests.kit import assert_same_in_any_order, exported_envelopes
from commoning.market import payments
from commoning.market.actions import (
    accept_agreement,
    create_listing,
    edit_listing,
    pay_agreement,
    propose_agreement,
)
from commoning.market.models import Agreement, Listing

from .helpers import local_currency


def _seen():
    listings = list(Listing.objects.order_by("id").values_list(
        "id", "title", "open", "place", "lat_micro", "currency_id", "price_minor"))
    agreements = list(Agreement.objects.order_by("id").values_list(
        "id", "payer_id", "payee_id", "amount_minor", "accepted_ts"))
    paid = payments.statuses(Agreement.objects.all())
    return listings, agreements, sorted(paid.items())


def test_the_market_is_the_same_in_any_delivery_order(alice, bob, carol):
    currency_id = local_currency(alice.account.net, alice)
    tractor = create_listing(bob, side="offer", kind="service", title="Tractor hours",
                             category="farming", place="Valley", currency=currency_id,
                             amount_minor=4_000)
    edit_listing(bob, tractor.id, title="Tractor hours, with driver")
    edit_listing(bob, tractor.id, place="Upper Valley", lat=46_520_000, lon=6_600_000)
    edit_listing(bob, tractor.id, title="Tractor hours (driver included)")
    welder = create_listing(carol, side="want", kind="skill", title="A welder",
                            category="repair")
    edit_listing(carol, welder.id, open=False)
    first = propose_agreement(alice, tractor.id, currency=currency_id, amount_minor=4_000)
    accept_agreement(bob, first.id)
    do_accept(bob, pay_agreement(alice, first.id))
    second = propose_agreement(carol, tractor.id, currency=currency_id, amount_minor=3_500)
    accept_agreement(bob, second.id)
    pay_agreement(carol, second.id)  # paid, still waiting for Bob
    assert _seen()[2] == sorted([(first.id, payments.PAID), (second.id, payments.PENDING)])
    assert_same_in_any_order(exported_envelopes(), observe=_seen, examples=6)
