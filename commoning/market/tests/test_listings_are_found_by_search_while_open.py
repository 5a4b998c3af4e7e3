"""Listings show in the search box by their title and description, and drop out of it once
their author withdraws them."""

from commoning.market.actions import create_listing, edit_listing
from commoning.search.index import catch_up
from commoning.search.tests.kit import found


def test_a_listing_is_found_by_its_words_until_it_is_withdrawn(client, net, bob):
    listing = create_listing(bob, side="offer", kind="service", title="Carburettor tuning",
                             category="repair", description="Two-stroke engines, chainsaws.")
    catch_up()
    assert found(net, "carburettor") == [("listing", listing.id)]
    assert found(net, "chainsaws") == [("listing", listing.id)]
    page = client.get("/search/", {"q": "carburettor"}).content.decode()
    assert f"/market/{listing.id}/" in page
    edit_listing(bob, listing.id, open=False)
    catch_up()
    assert found(net, "carburettor") == []
