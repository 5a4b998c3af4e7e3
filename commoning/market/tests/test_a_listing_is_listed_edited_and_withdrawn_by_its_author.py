"""A member lists an offer through the page, edits it and withdraws it; each step is one signed
entry, a form saved twice writes nothing, and the withdrawn listing leaves the marketplace."""

from commoning.log.models import Entry
from commoning.market.models import Listing

BED = {"side": "offer", "kind": "hospitality", "title": "A bed for a travelling member",
       "category": "lodging", "place": "Upper Valley", "lat": "46.523", "lon": "6.6",
       "currency": "", "amount": "", "description": "Quiet room, *breakfast* included."}


def test_it_lists_an_offer_through_the_page(client, bob):
    client.force_login(bob)
    response = client.post("/market/new/", BED)
    assert response.status_code == 303
    listing = Listing.objects.get()
    assert response["Location"] == f"/market/{listing.id}/"
    assert (listing.side, listing.kind, listing.category) == ("offer", "hospitality", "lodging")
    # Coordinates are kept coarse: 0.01 degree, whatever precision was typed.
    assert (listing.lat_micro, listing.lon_micro) == (46_520_000, 6_600_000)
    assert listing.is_gift
    page = client.get(response["Location"]).content.decode()
    assert "<em>breakfast</em>" in page  # the description is markdown
    assert "A gift" in page


def test_its_author_edits_it_and_an_unchanged_form_writes_nothing(client, bob):
    client.force_login(bob)
    client.post("/market/new/", BED)
    listing = Listing.objects.get()
    edited = {**BED, "title": "Two beds for travelling members"}
    del edited["side"]
    assert client.post(f"/market/{listing.id}/edit/", edited).status_code == 303
    assert Listing.objects.get().title == "Two beds for travelling members"
    entries = Entry.objects.filter(type="market.edit").count()
    assert client.post(f"/market/{listing.id}/edit/", edited).status_code == 303
    assert Entry.objects.filter(type="market.edit").count() == entries == 1


def test_withdrawing_needs_the_tick_and_takes_it_off_the_marketplace(client, bob):
    client.force_login(bob)
    client.post("/market/new/", BED)
    listing = Listing.objects.get()
    refused = client.post(f"/market/{listing.id}/withdraw/", {})
    assert refused.status_code == 400
    assert Listing.objects.get().open
    assert client.post(f"/market/{listing.id}/withdraw/", {"confirm": "on"}).status_code == 303
    assert not Listing.objects.get().open
    assert BED["title"] not in client.get("/market/").content.decode()
    assert BED["title"] in client.get("/market/mine/").content.decode()
    assert client.post(f"/market/{listing.id}/withdraw/", {"reopen": "1"}).status_code == 303
    assert Listing.objects.get().open


def test_the_withdraw_address_answers_a_reload_with_the_listing_page(client, bob):
    client.force_login(bob)
    client.post("/market/new/", BED)
    listing = Listing.objects.get()
    response = client.get(f"/market/{listing.id}/withdraw/")
    assert response.status_code == 303
    assert response["Location"] == f"/market/{listing.id}/"
