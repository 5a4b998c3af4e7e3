"""An agreement is proposed by either side and accepted by the other party alone: a third
member accepting it is refused through the page and the API (it is not theirs to see), and by
the shared rule when a hostile node writes the acceptance directly."""

from commoning.accounts.actions import create_api_token
from commoning.market.actions import accept_agreement, propose_agreement
from commoning.market.models import Agreement
from commoning.testing import HostileNode

from .helpers import local_currency, member_id, repair_offer


def _agreed(alice, bob):
    currency_id = local_currency(alice.account.net, alice)
    listing = repair_offer(bob, currency_id)
    return propose_agreement(alice, listing.id, currency=currency_id, amount_minor=2_500)


def test_the_other_party_accepts_and_alice_pays_the_offer_s_author(alice, bob):
    agreement = _agreed(alice, bob)
    assert (agreement.payer_id, agreement.payee_id) == (member_id(alice), member_id(bob))
    assert agreement.party_id == member_id(bob)
    assert accept_agreement(bob, agreement.id).accepted


def test_the_proposer_cannot_accept_their_own_proposal(client, alice, bob):
    agreement = _agreed(alice, bob)
    client.force_login(alice)
    response = client.post(f"/market/agreements/{agreement.id}/accept/")
    assert response.status_code == 403
    assert not Agreement.objects.get().accepted
    written = HostileNode.of(alice).write("market.accept", {"agreement": agreement.id},
                                          deps=[agreement.id])
    assert written.status == "rejected"


def test_a_third_member_accepting_through_the_page_or_api_gets_a_404(client, alice, bob, eve):
    agreement = _agreed(alice, bob)
    client.force_login(eve)
    assert client.post(f"/market/agreements/{agreement.id}/accept/").status_code == 404
    assert client.get(f"/market/agreements/{agreement.id}/").status_code == 404
    _token, token = create_api_token(eve, "test")
    api = client.post(f"/api/market/agreements/{agreement.id}/accept",
                      headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 404
    assert not Agreement.objects.get().accepted


def test_a_third_member_accepting_directly_is_rejected_by_the_rule(alice, bob, eve):
    agreement = _agreed(alice, bob)
    written = HostileNode.of(eve).write("market.accept", {"agreement": agreement.id},
                                        deps=[agreement.id])
    assert written.status == "rejected"
    assert "other party" in written.reason
    assert not Agreement.objects.get().accepted


def test_an_agreement_between_two_strangers_to_the_listing_is_rejected(alice, bob, carol, eve):
    currency_id = local_currency(alice.account.net, alice)
    listing = repair_offer(bob, currency_id)
    written = HostileNode.of(eve).write(
        "market.agree", {"listing": listing.id, "party": member_id(carol)},
        deps=[listing.id, member_id(carol)])
    assert written.status == "rejected"
    assert "author" in written.reason
