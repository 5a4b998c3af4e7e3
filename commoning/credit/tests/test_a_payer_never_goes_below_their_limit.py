"""No payment takes a payer below their credit limit, checked by the shared rule from the
payer's own feed: a modified node that skips the action is rejected just the same."""

from commoning.credit.actions import do_accept, do_transfer, set_limit
from commoning.credit.models import Transfer
from commoning.credit.testing import make_currency
from commoning.credit.tests.kit import account, member_id, pay_data
from commoning.testing import HostileNode


def test_the_pay_form_refuses_a_payment_past_the_limit_and_keeps_the_input(client, net, alice,
                                                                            bob):
    currency_id = make_currency(net, alice, default_limit=1000)
    client.force_login(bob)
    response = client.post(f"/credit/{currency_id}/pay/",
                           {"payee": member_id(alice), "amount": "10.01", "memo": "too much"})
    assert response.status_code == 400
    assert b"credit limit" in response.content
    assert b"too much" in response.content
    assert not Transfer.objects.exists()


def test_a_hostile_payment_past_the_limit_is_rejected(net, alice, bob):
    currency_id = make_currency(net, alice, default_limit=1000)
    data, deps = pay_data(currency_id, alice, 1001)
    written = HostileNode.of(bob).write("credit.transfer", data, deps=deps)
    assert written.status == "rejected"
    assert "limit" in written.reason
    assert not Transfer.objects.exists()


def test_pending_payments_count_against_the_limit(net, alice, bob, carol):
    currency_id = make_currency(net, alice, default_limit=1000)
    do_transfer(bob, currency_id, member_id(alice), 600)
    data, deps = pay_data(currency_id, carol, 401)
    written = HostileNode.of(bob).write("credit.transfer", data, deps=deps)
    assert written.status == "rejected"


def test_credit_received_counts_only_once_the_payee_accepted_it(net, alice, bob, carol):
    currency_id = make_currency(net, alice, default_limit=0)
    set_limit(alice, currency_id, member_id(carol), 900)
    transfer_id = do_transfer(carol, currency_id, member_id(bob), 900)
    data, deps = pay_data(currency_id, alice, 900)
    # Bob has not accepted: his feed holds nothing to spend.
    assert HostileNode.of(bob).write("credit.transfer", data, deps=deps).status == "rejected"
    do_accept(bob, transfer_id)
    assert HostileNode.of(bob).write("credit.transfer", data, deps=deps).applied
    assert account(currency_id, bob).position_minor == 0


def test_a_payer_cannot_count_someone_elses_release(net, alice, bob, carol):
    from commoning.credit.actions import do_decline

    currency_id = make_currency(net, alice, default_limit=500)
    carols = do_transfer(carol, currency_id, member_id(alice), 500)
    declined = do_decline(alice, carols)
    data, deps = pay_data(currency_id, alice, 900, seen=[declined])
    written = HostileNode.of(bob).write("credit.transfer", data, deps=[*deps, declined])
    assert written.status == "rejected"
    assert "another account" in written.reason


def test_a_payer_cannot_count_one_release_twice(net, alice, bob):
    from commoning.credit.actions import do_decline

    currency_id = make_currency(net, alice, default_limit=500)
    first = do_transfer(bob, currency_id, member_id(alice), 500)
    declined = do_decline(alice, first)
    data, deps = pay_data(currency_id, alice, 500, seen=[declined])
    assert HostileNode.of(bob).write("credit.transfer", data, deps=[*deps, declined]).applied
    again = HostileNode.of(bob).write("credit.transfer", data, deps=[*deps, declined])
    assert again.status == "rejected"
    assert "already counted" in again.reason


def test_a_payer_cannot_name_a_limit_granted_to_someone_else(net, alice, bob, carol):
    currency_id = make_currency(net, alice, default_limit=100)
    grant = set_limit(alice, currency_id, member_id(carol), 5000)
    data, deps = pay_data(currency_id, alice, 4000, limit=grant)
    written = HostileNode.of(bob).write("credit.transfer", data, deps=[*deps, grant])
    assert written.status == "rejected"
    assert "no grant" in written.reason


def test_a_granted_limit_binds_once_the_payers_feed_names_it(net, alice, bob):
    currency_id = make_currency(net, alice, default_limit=100)
    set_limit(alice, currency_id, member_id(bob), 5000)
    do_transfer(bob, currency_id, member_id(alice), 4000)  # the action names the grant
    assert account(currency_id, bob).limit_minor == 5000
