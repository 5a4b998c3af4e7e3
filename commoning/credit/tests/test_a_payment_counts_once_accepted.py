"""A payment waits for the payee: it moves balances only when accepted, and a declined one gives
the amount back to the payer once their own feed has seen the decline."""

import pytest

from commoning.credit import access
from commoning.credit.actions import do_accept, do_decline, do_transfer
from commoning.credit.models import Account, Currency
from commoning.credit.testing import make_currency
from commoning.log.registry import Rejected


def _member_id(user):
    return user.account.member_id


def test_a_pending_payment_moves_no_balance(net, alice, bob):
    currency_id = make_currency(net, alice)
    do_transfer(alice, currency_id, _member_id(bob), 1500, memo="bread")
    assert access.balance_of(net, currency_id, _member_id(alice)) == 0
    assert access.balance_of(net, currency_id, _member_id(bob)) == 0
    payer = Account.objects.get(currency_id=currency_id, member_id=_member_id(alice))
    assert payer.pending_out_minor == 1500


def test_an_accepted_payment_moves_both_balances_and_sums_to_zero(net, alice, bob):
    currency_id = make_currency(net, alice)
    transfer_id = do_transfer(alice, currency_id, _member_id(bob), 1500)
    do_accept(bob, transfer_id)
    assert access.balance_of(net, currency_id, _member_id(alice)) == -1500
    assert access.balance_of(net, currency_id, _member_id(bob)) == 1500
    currency = Currency.objects.get(id=currency_id)
    assert (currency.volume_minor, currency.accepted_count) == (1500, 1)


def test_a_payment_cannot_be_accepted_twice(net, alice, bob):
    currency_id = make_currency(net, alice)
    transfer_id = do_transfer(alice, currency_id, _member_id(bob), 1500)
    do_accept(bob, transfer_id)
    with pytest.raises(Rejected):
        do_accept(bob, transfer_id)
    assert access.balance_of(net, currency_id, _member_id(bob)) == 1500


def test_a_declined_payment_frees_the_payers_credit_once_seen(net, alice, bob):
    currency_id = make_currency(net, alice, default_limit=2000)
    first = do_transfer(alice, currency_id, _member_id(bob), 2000)
    with pytest.raises(Exception, match="credit limit"):
        do_transfer(alice, currency_id, _member_id(bob), 1)
    do_decline(bob, first)
    # The next payment names the decline in `seen`, so the 2000 are spendable again.
    do_transfer(alice, currency_id, _member_id(bob), 2000)
    payer = Account.objects.get(currency_id=currency_id, member_id=_member_id(alice))
    assert payer.position_minor == -2000
    assert payer.pending_out_minor == 2000
