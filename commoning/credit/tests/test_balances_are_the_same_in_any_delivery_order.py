"""Any delivery order of the same credit entries (payments, accepts, declines, a rejected
overdraft, a double accept, write-offs, a close) gives the same state hash, the same balances,
a zero sum in every currency, no account past its limit, and no transfer counted twice."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commoning.core.fields import FieldError
from commoning.credit import access
from commoning.credit.actions import (
    do_accept,
    do_close,
    do_decline,
    do_transfer,
    do_write_off,
    set_limit,
)
from commoning.credit.models import Account, Currency, Movement, Transfer
from commoning.credit.testing import make_currency
from commoning.credit.tests.kit import member_id, pay_data
from commoning.log.tests.kit import assert_same_in_any_order, exported_envelopes
from commoning.testing import HostileNode


def _observe():
    accounts = sorted(Account.objects.values_list("id", "balance_minor", "position_minor",
                                                  "limit_minor", "closed"))
    sums = {currency.id: access.balance_sum(currency) for currency in Currency.objects.all()}
    for _account_id, _balance, position, limit, _closed in accounts:
        assert position >= -limit  # the feed's fold never passes the limit
    assert all(total == 0 for total in sums.values())
    for currency in Currency.objects.all():
        for account in Account.objects.filter(currency_id=currency.id):
            # The shared balance is never below the fold the rule checked, so never past it.
            assert account.balance_minor + account.pending_out_minor >= account.position_minor
    # Each accepted transfer moved money exactly once.
    accepted = Transfer.objects.filter(status="accepted").count()
    assert Movement.objects.filter(kind="transfer").count() == 2 * accepted
    return accounts, sums


def test_credit_is_the_same_in_any_delivery_order(net, alice, bob, carol, dave):
    hours = make_currency(net, alice, default_limit=3000)
    pounds = make_currency(net, bob, name="Valley pound", symbol="£", default_limit=500)
    first = do_transfer(bob, hours, member_id(carol), 2000, memo="hedge laying")
    do_accept(carol, first)
    second = do_transfer(carol, hours, member_id(dave), 1500)
    do_decline(dave, second)
    third = do_transfer(carol, hours, member_id(alice), 2500)  # counts the decline
    do_accept(alice, third)
    set_limit(alice, hours, member_id(dave), 6000)
    fourth = do_transfer(dave, hours, member_id(bob), 5000)
    do_accept(bob, fourth)
    do_transfer(alice, pounds, member_id(dave), 400)
    # A rejected overdraft and a second accept of one transfer, written directly.
    data, deps = pay_data(pounds, carol, 501)
    assert HostileNode.of(dave).write("credit.transfer", data, deps=deps).status == "rejected"
    assert HostileNode.of(carol).write("credit.accept", {"transfer": first},
                                       deps=[first]).status == "rejected"
    pays = do_transfer(dave, pounds, member_id(carol), 300)
    do_accept(carol, pays)
    do_write_off(bob, pounds, member_id(dave), 300)
    do_close(dave, pounds)
    assert_same_in_any_order(exported_envelopes(), observe=_observe, examples=8)


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck),
          database=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(1, 1500),
                          st.sampled_from(["accept", "decline", "leave"])),
                min_size=3, max_size=8))
def test_random_payments_sum_to_zero_and_stay_within_limits(django_db_setup, django_db_blocker,
                                                            payments):
    from django.db import transaction

    from commoning import testing

    with django_db_blocker.unblock(), transaction.atomic():
        net = testing.make_network()
        people = [testing.make_member(net, name) for name in ("ann", "ben", "cat", "dan")]
        currency_id = make_currency(net, people[0], default_limit=2000)
        for payer, payee, amount, answer in payments:
            if payer == payee:
                continue
            try:
                transfer_id = do_transfer(people[payer], currency_id, member_id(people[payee]),
                                          amount)
            except FieldError as refused:  # past the limit: refused, nothing written
                assert "limit" in refused.message
                continue
            if answer == "accept":
                do_accept(people[payee], transfer_id)
            elif answer == "decline":
                do_decline(people[payee], transfer_id)
        _observe()
        transaction.set_rollback(True)
