"""The demo's credit: two currencies whose balances sum to zero, payments waiting, one
declined, and a member who settled with the stewards and closed her account."""

from commoning import testing
from commoning.credit import access
from commoning.credit.demo import seed_credit
from commoning.credit.models import Account, Currency, Transfer

NAMES = ("alice", "bob", "carol", "dave", "eve", "farah", "gus", "hana")


def test_the_demo_seeds_a_time_bank_and_a_local_currency(net):
    users = {name: testing.make_member(net, name) for name in NAMES}
    seed_credit(users, progress=lambda message: None)
    currencies = {currency.name: currency for currency in Currency.objects.all()}
    assert set(currencies) == {"Valley hours", "Valley pound"}
    for currency in currencies.values():
        assert access.balance_sum(currency) == 0
    assert Transfer.objects.filter(status="accepted").count() >= 30
    assert Transfer.objects.filter(status="pending").count() == 3
    assert Transfer.objects.filter(status="released").count() == 1
    eve = Account.objects.get(currency_id=currencies["Valley hours"].id,
                              member_id=users["eve"].account.member_id)
    assert eve.closed and eve.balance_minor == 0
    assert currencies["Valley hours"].loss_minor != 0
