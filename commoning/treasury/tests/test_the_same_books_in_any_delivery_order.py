"""Any delivery order of the same treasury entries gives the same balances, the same payment
statuses, the same month totals and the same state hash: including two concurrent payments that
together exceed their grant, approvals and a refused approval."""

from commoning.log.tests.kit import assert_same_in_any_order, exported_envelopes
from commoning.testing import HostileNode
from commoning.treasury import actions
from commoning.treasury.models import Account, MonthTotal, Movement
from commoning.treasury.testing import grant
from commoning.treasury.tests.kit import approve, pay


def _observed():
    return (
        sorted(Account.objects.values_list("id", "balance_minor")),
        sorted(Movement.objects.values_list("id", "status", "approvers")),
        sorted(MonthTotal.objects.values_list("treasury_id", "currency", "month",
                                              "income_minor", "spending_minor")),
    )


def test_the_same_books_come_out_of_any_delivery_order(books):
    users = books.users
    actions.record_income(users["alice"], books.treasury.id, into=books.bank.id,
                          source=books.dues.id, amount="500")
    actions.record_transfer(users["bob"], books.treasury.id, from_account=books.bank.id,
                            to_account=books.reserve.id, amount="50")
    decision = grant(books, 30_000)
    alice, bob, carol = (HostileNode.of(users[name]) for name in ("alice", "bob", "carol"))
    first = pay(alice, books, decision, 20_000)
    second = pay(bob, books, decision, 15_000, ts=first.entry.ts + 1)
    approve(carol, books, second.id)
    approve(alice, books, second.id)
    approve(carol, books, first.id)
    approve(bob, books, first.id)
    assert approve(HostileNode.of(users["dave"]), books, first.id).status == "rejected"
    assert dict(Movement.objects.filter(kind="payment").values_list("id", "status")) == {
        first.id: "effective", second.id: "over_grant"}
    assert_same_in_any_order(exported_envelopes(), observe=_observed, examples=6)
