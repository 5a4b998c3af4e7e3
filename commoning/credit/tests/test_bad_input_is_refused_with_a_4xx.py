"""Input from outside is bounded and refused with a clear 4xx, never a 500, and nothing is
written: amounts that are not amounts, oversized text, ids that are no ids."""

import pytest

from commoning.accounts.actions import create_api_token
from commoning.credit.models import Currency, Transfer
from commoning.credit.testing import make_currency
from commoning.credit.tests.kit import member_id


@pytest.mark.parametrize("amount", ["abc", "1.234", "-5", "1e3", "0", "9" * 40, "1,5"])
def test_the_pay_form_refuses_what_is_not_an_amount(client, net, alice, bob, amount):
    currency_id = make_currency(net, alice)
    client.force_login(alice)
    response = client.post(f"/credit/{currency_id}/pay/",
                           {"payee": member_id(bob), "amount": amount})
    assert response.status_code == 400
    assert not Transfer.objects.exists()


def test_the_pay_form_refuses_an_oversized_memo_and_an_unknown_payee(client, net, alice, bob):
    currency_id = make_currency(net, alice)
    client.force_login(alice)
    long_memo = client.post(f"/credit/{currency_id}/pay/",
                            {"payee": member_id(bob), "amount": "1", "memo": "x" * 5000})
    assert long_memo.status_code == 400
    stranger = client.post(f"/credit/{currency_id}/pay/", {"payee": "f" * 64, "amount": "1"})
    assert stranger.status_code == 400
    assert not Transfer.objects.exists()


def test_pages_answer_404_for_ids_that_are_no_ids(client, net, alice):
    client.force_login(alice)
    assert client.get("/credit/not-an-id/").status_code == 404
    assert client.get("/credit/" + "a" * 64 + "/wallet/").status_code == 404
    assert client.post("/credit/payments/../accept/").status_code == 404
    assert client.get("/credit/pay/").status_code == 404


def test_the_api_refuses_bad_payments_with_a_4xx(client, net, alice, bob):
    currency_id = make_currency(net, alice)
    _, token = create_api_token(alice, "phone")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    url = f"/api/credit/currencies/{currency_id}/transfers"
    for body in ({"payee": member_id(bob), "amount_minor": 1.5},
                 {"payee": member_id(bob), "amount_minor": -1},
                 {"payee": member_id(bob), "amount_minor": 10**30},
                 {"payee": "x" * 500, "amount_minor": 1},
                 {"payee": member_id(alice), "amount_minor": 1},
                 {"payee": member_id(bob), "amount_minor": 10**6}):  # past the limit
        response = client.post(url, body, **auth)
        assert 400 <= response.status_code < 500, (body, response.status_code)
    assert not Transfer.objects.exists()
    paid = client.post(url, {"payee": member_id(bob), "amount_minor": 250, "memo": "bread"},
                       **auth)
    assert paid.status_code == 201
    assert Transfer.objects.get().amount_minor == 250


def test_the_currency_form_refuses_a_bad_limit_and_keeps_the_input(client, net, alice):
    client.force_login(alice)
    response = client.post("/credit/new/", {"name": "Valley hours", "symbol": "h",
                                            "exponent": "2", "default_limit": "ten"})
    assert response.status_code == 400
    assert b"Valley hours" in response.content
    assert not Currency.objects.exists()
