"""Paying from an agreement: its payer pays the agreed amount through credit, the agreement
shows paid once the payee accepts the transfer, and nobody else pays from it. A transfer that
names an agreement but is not its payer's payment of its terms settles nothing."""

import pytest

from commoning.accounts.actions import create_api_token
from commoning.credit.access import balance_of
from commoning.credit.actions import do_accept, do_transfer
from commoning.log.registry import Rejected
from commoning.market import payments
from commoning.market.actions import accept_agreement, pay_agreement, propose_agreement
from commoning.market.models import Agreement

from .helpers import local_currency, member_id, repair_offer


def _accepted(alice, bob):
    currency_id = local_currency(alice.account.net, alice)
    listing = repair_offer(bob, currency_id)
    agreement = propose_agreement(alice, listing.id, currency=currency_id, amount_minor=2_500)
    return accept_agreement(bob, agreement.id), currency_id


def test_the_agreement_shows_paid_once_the_payee_accepts_the_transfer(client, alice, bob):
    agreement, currency_id = _accepted(alice, bob)
    client.force_login(alice)
    response = client.post(f"/market/agreements/{agreement.id}/pay/")
    assert response.status_code == 303
    assert payments.payment_of(agreement) == payments.PENDING
    assert "waiting for the payee" in client.get(response["Location"]).content.decode()
    transfer_id = payments_transfer(agreement)
    do_accept(bob, transfer_id)
    assert payments.payment_of(agreement) == payments.PAID
    net = agreement.net
    assert balance_of(net, currency_id, member_id(alice)) == -2_500
    assert balance_of(net, currency_id, member_id(bob)) == 2_500
    # Paid once: a second payment is refused by the action.
    assert client.post(f"/market/agreements/{agreement.id}/pay/").status_code == 409


def payments_transfer(agreement) -> str:
    from commoning.credit.models import Transfer

    return Transfer.objects.get(payer_id=agreement.payer_id).id


def test_the_payee_cannot_pay_their_own_agreement(client, alice, bob):
    agreement, _currency = _accepted(alice, bob)
    client.force_login(bob)
    assert client.post(f"/market/agreements/{agreement.id}/pay/").status_code == 403
    assert payments.payment_of(agreement) is None


def test_a_stranger_paying_through_the_page_or_api_gets_a_404(client, alice, bob, eve):
    agreement, _currency = _accepted(alice, bob)
    client.force_login(eve)
    assert client.post(f"/market/agreements/{agreement.id}/pay/").status_code == 404
    _token, token = create_api_token(eve, "test")
    api = client.post(f"/api/market/agreements/{agreement.id}/pay",
                      headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 404
    assert payments.payment_of(agreement) is None


def test_a_stranger_s_transfer_naming_the_agreement_settles_nothing(alice, bob, eve):
    agreement, currency_id = _accepted(alice, bob)
    # Eve may pay Bob (that is credit's business), but her transfer is not Alice's payment.
    transfer_id = do_transfer(eve, currency_id, member_id(bob), 2_500,
                              extra_deps=[agreement.id])
    do_accept(bob, transfer_id)
    assert payments.payment_of(agreement) is None


def test_a_transfer_of_another_amount_settles_nothing(alice, bob):
    agreement, currency_id = _accepted(alice, bob)
    transfer_id = do_transfer(alice, currency_id, member_id(bob), 100, extra_deps=[agreement.id])
    do_accept(bob, transfer_id)
    assert payments.payment_of(agreement) is None


def test_paying_before_the_other_party_accepts_is_refused(client, alice, bob):
    currency_id = local_currency(alice.account.net, alice)
    listing = repair_offer(bob, currency_id)
    agreement = propose_agreement(alice, listing.id, currency=currency_id, amount_minor=2_500)
    client.force_login(alice)
    assert client.post(f"/market/agreements/{agreement.id}/pay/").status_code == 409
    assert not Agreement.objects.get().accepted
    with pytest.raises(Rejected, match="accepted"):
        pay_agreement(alice, agreement.id)
