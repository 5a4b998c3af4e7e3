"""A double spend needs a fork of the payer's feed: two different transfers at one seq. The log
detects the fork and cuts the payer's feed there, so neither payment counts; the account is
shown frozen on the currency page, and what it owes is what it owed before the fork, never
more than its limit."""

from commoning.credit import access
from commoning.credit.actions import do_accept, do_transfer
from commoning.credit.models import Transfer
from commoning.credit.testing import make_currency
from commoning.credit.tests.kit import member_id, pay_data
from commoning.log.models import ForkProof
from commoning.testing import HostileNode


def test_two_payments_at_one_seq_are_both_cut_and_the_account_frozen(client, net, alice, bob,
                                                                      carol, dave):
    currency_id = make_currency(net, alice, default_limit=1000)
    honest = do_transfer(dave, currency_id, member_id(alice), 600)
    do_accept(alice, honest)
    mallory = HostileNode.of(dave)
    to_bob, deps_bob = pay_data(currency_id, bob, 400)
    to_carol, deps_carol = pay_data(currency_id, carol, 400)
    # Each branch on its own is within the limit; together they would pass it.
    first = mallory.entry("credit.transfer", to_bob, deps=deps_bob)
    second = mallory.entry("credit.transfer", to_carol, deps=deps_carol)
    assert mallory.deliver(first).applied
    assert mallory.deliver(second).status != "applied"
    assert ForkProof.objects.filter(author=mallory.public_hex).exists()
    # Neither branch counts on any node: the feed is cut at the fork.
    assert not Transfer.objects.filter(id__in=[first.id, second.id]).exists()
    currency = access.currency_by_id(net, currency_id)
    frozen = access.frozen_accounts(currency)
    assert [account.member_id for account in frozen] == [member_id(dave)]
    assert frozen[0].balance_minor == -600  # bounded by the limit of 1000
    assert access.balance_sum(currency) == 0
    response = client.get(f"/credit/{currency_id}/")
    assert response.status_code == 200
    assert b"frozen" in response.content
