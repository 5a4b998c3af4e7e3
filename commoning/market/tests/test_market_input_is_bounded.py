"""Input from outside is bounded and refused with a clear 4xx, never a 500: a refused form keeps
what was typed with the message beside the field, the API answers 422, and the shared rule
refuses what a hostile node writes past the forms (fine coordinates, unknown categories, a
price in no currency)."""

from commoning.accounts.actions import create_api_token
from commoning.market.events import TITLE_MAX
from commoning.market.models import Listing
from commoning.testing import HostileNode

GOOD = {"side": "offer", "kind": "goods", "title": "Seed swap", "category": "food",
        "place": "Valley", "currency": "", "amount": "", "lat": "", "lon": "", "description": ""}


def test_a_refused_form_keeps_the_input_and_says_why_beside_the_field(client, bob):
    client.force_login(bob)
    long_title = "x" * (TITLE_MAX + 1)
    response = client.post("/market/new/", {**GOOD, "title": long_title, "lat": "north"})
    assert response.status_code == 400
    page = response.content.decode()
    assert long_title in page
    assert "Write degrees as a number" in page
    assert not Listing.objects.exists()


def test_an_amount_with_too_many_decimals_is_refused_beside_the_field(client, alice, bob):
    from .helpers import local_currency

    currency_id = local_currency(alice.account.net, alice)
    client.force_login(bob)
    response = client.post("/market/new/", {**GOOD, "currency": currency_id, "amount": "1.005"})
    assert response.status_code == 400
    assert "decimal places" in response.content.decode()
    assert not Listing.objects.exists()


def test_the_api_refuses_oversized_and_unknown_values_with_422(client, bob):
    _token, token = create_api_token(bob, "test")
    headers = {"Authorization": f"Bearer {token}"}
    for bad in ({"title": "x" * 10_000}, {"category": "weapons"}, {"amount_minor": -5},
                {"description": "y" * 100_000}):
        response = client.post("/api/market/listings", {**GOOD, "currency": "", **bad},
                               content_type="application/json", headers=headers)
        assert response.status_code in (400, 422), (bad, response.status_code)
    assert not Listing.objects.exists()


def test_the_rule_refuses_fine_coordinates_unknown_categories_and_priceless_currencies(bob):
    hostile = HostileNode.of(bob)
    listing = {k: v for k, v in GOOD.items() if k in ("side", "kind", "title", "category",
                                                      "place")}
    doorstep = hostile.write("market.listing", {**listing, "lat": 46_523_456, "lon": 6_600_000})
    assert doorstep.status == "rejected" and "coarse" in doorstep.reason
    unknown = hostile.write("market.listing", {**listing, "category": "weapons"})
    assert unknown.status == "rejected"
    made_up = "ab" * 32
    priced = hostile.write("market.listing", {**listing, "currency": made_up, "amount": 5},
                           deps=[])
    assert priced.status == "rejected" and "deps" in priced.reason
    assert not Listing.objects.exists()
