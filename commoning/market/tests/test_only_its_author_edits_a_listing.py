"""Only a listing's author changes or withdraws it: refused through the page and the API, and by
the shared rule when a hostile node writes the edit directly."""

from commoning.market.actions import create_listing
from commoning.market.models import Listing
from commoning.testing import HostileNode


def _repair(bob):
    return create_listing(bob, side="offer", kind="service", title="Bicycle repair",
                          category="repair", place="Lower Valley")


def test_a_stranger_editing_through_the_page_gets_a_403(client, bob, eve):
    listing = _repair(bob)
    client.force_login(eve)
    response = client.post(f"/market/{listing.id}/edit/", {
        "kind": "service", "title": "Eve's repair", "category": "repair", "place": ""})
    assert response.status_code == 403
    withdraw = client.post(f"/market/{listing.id}/withdraw/", {"confirm": "on"})
    assert withdraw.status_code == 403
    assert Listing.objects.get().title == "Bicycle repair"
    assert Listing.objects.get().open


def test_a_stranger_editing_through_the_api_gets_a_403(client, bob, eve):
    from commoning.accounts.actions import create_api_token

    listing = _repair(bob)
    _token, token = create_api_token(eve, "test")
    response = client.patch(f"/api/market/listings/{listing.id}", {"open": False},
                            content_type="application/json",
                            headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403
    assert Listing.objects.get().open


def test_a_stranger_editing_directly_is_rejected_by_the_rule(bob, eve):
    listing = _repair(bob)
    written = HostileNode.of(eve).write(
        "market.edit", {"listing": listing.id, "open": False, "title": "Mine"}, deps=[listing.id])
    assert written.status == "rejected"
    assert "author" in written.reason
    assert Listing.objects.get().open
    assert Listing.objects.get().title == "Bicycle repair"


def test_an_edit_that_hides_its_listing_from_deps_is_rejected(bob):
    listing = _repair(bob)
    written = HostileNode.of(bob).write("market.edit", {"listing": listing.id, "open": False})
    assert written.status == "rejected"
    assert "deps" in written.reason
