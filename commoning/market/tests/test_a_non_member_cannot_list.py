"""Only members list: a key no identity stands behind is refused by the shared rule, and a
visitor who is not logged in is sent to log in (the page) or refused (the API)."""

from commoning.market.models import Listing
from commoning.testing import HostileNode

SEEDS = {"side": "offer", "kind": "goods", "title": "Seed swap", "category": "food",
         "place": "Valley"}


def test_a_key_whose_identity_was_refused_is_rejected(net, alice):
    stranger = HostileNode.newcomer(net)
    # Admitted, but its identity breaks the rule (an empty name): no member stands behind it.
    assert stranger.identity("").status == "rejected"
    written = stranger.write("market.listing", SEEDS)
    assert written.status == "rejected"
    assert "member" in written.reason
    assert not Listing.objects.exists()


def test_a_key_nobody_admitted_is_kept_out_of_the_log(net, alice):
    written = HostileNode.outsider(net).write("market.listing", SEEDS)
    assert written.status != "applied"
    assert not Listing.objects.exists()


def test_a_visitor_is_sent_to_log_in_and_the_api_wants_a_token(client, net, alice):
    page = client.post("/market/new/", SEEDS)
    assert page.status_code == 302 and "/login/" in page["Location"]
    api = client.post("/api/market/listings", SEEDS, content_type="application/json")
    assert api.status_code == 401
    assert not Listing.objects.exists()
