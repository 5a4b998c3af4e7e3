"""Leaving: a member's account closes only at balance zero, after an agreed transfer or a
stewards' write-off to the loss account settled it; nothing vanishes."""

import pytest

from commoning.credit import access
from commoning.credit.actions import do_accept, do_close, do_transfer, do_write_off
from commoning.credit.models import Currency
from commoning.credit.testing import make_currency
from commoning.credit.tests.kit import account, member_id
from commoning.log.registry import Rejected
from commoning.testing import HostileNode


def test_an_account_in_debt_cannot_close(net, alice, bob):
    currency_id = make_currency(net, alice)
    do_accept(alice, do_transfer(bob, currency_id, member_id(alice), 700))
    with pytest.raises(Rejected):
        do_close(bob, currency_id)
    written = HostileNode.of(bob).write("credit.close", {"currency": currency_id},
                                        deps=[currency_id])
    assert written.status == "rejected"
    assert not account(currency_id, bob).closed


def test_a_write_off_settles_a_debt_to_the_loss_account_and_then_it_closes(net, alice, bob):
    currency_id = make_currency(net, alice)
    do_accept(alice, do_transfer(bob, currency_id, member_id(alice), 700))
    do_write_off(alice, currency_id, member_id(bob), 700)
    do_close(bob, currency_id)
    assert account(currency_id, bob).closed
    currency = Currency.objects.get(id=currency_id)
    assert currency.loss_minor == -700
    assert access.balance_sum(currency) == 0


def test_a_closed_account_cannot_pay(net, alice, bob):
    currency_id = make_currency(net, alice)
    do_accept(alice, do_transfer(bob, currency_id, member_id(alice), 700))
    do_accept(bob, do_transfer(alice, currency_id, member_id(bob), 700))
    do_close(bob, currency_id)
    written = HostileNode.of(bob).write(
        "credit.transfer", {"currency": currency_id, "payee": member_id(alice), "amount": 1},
        deps=sorted([currency_id, member_id(alice)]))
    assert written.status == "rejected"
    assert "closed" in written.reason


def test_through_the_api_only_a_steward_writes_off_and_a_debtor_cannot_close(client, net,
                                                                           alice, bob):
    from commoning.accounts.actions import create_api_token

    currency_id = make_currency(net, alice)
    do_accept(alice, do_transfer(bob, currency_id, member_id(alice), 700))
    _, bobs_token = create_api_token(bob, "phone")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {bobs_token}", "content_type": "application/json"}
    written_off = client.post(f"/api/credit/currencies/{currency_id}/writeoffs",
                              {"member": member_id(bob), "amount_minor": 700}, **auth)
    assert written_off.status_code == 403
    closing = client.post(f"/api/credit/currencies/{currency_id}/close", {}, **auth)
    assert closing.status_code == 409
    assert account(currency_id, bob).balance_minor == -700
    assert not account(currency_id, bob).closed
    _, alices_token = create_api_token(alice, "laptop")
    steward = {"HTTP_AUTHORIZATION": f"Bearer {alices_token}", "content_type": "application/json"}
    assert client.post(f"/api/credit/currencies/{currency_id}/writeoffs",
                       {"member": member_id(bob), "amount_minor": 700},
                       **steward).status_code == 201
    assert client.post(f"/api/credit/currencies/{currency_id}/close", {},
                       **auth).status_code == 201
    assert account(currency_id, bob).closed
