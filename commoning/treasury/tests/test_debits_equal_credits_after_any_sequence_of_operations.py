"""Debits equal credits in every treasury after any sequence of operations: hypothesis draws
sequences of income, transfers, payments (within and beyond their grant) and approvals by any
persona, some refused, and after each the balances of every currency sum to zero and every
movement's postings balance."""

import contextlib

from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from commoning.core.fields import FieldError
from commoning.log.registry import Rejected
from commoning.treasury import actions
from commoning.treasury.models import Account, MonthTotal, Movement, Posting
from commoning.treasury.testing import grant

PERSONAS = ("alice", "bob", "carol", "dave")
OPERATION = st.one_of(
    st.tuples(st.just("income"), st.sampled_from(PERSONAS), st.integers(1, 500)),
    st.tuples(st.just("transfer"), st.sampled_from(PERSONAS), st.integers(1, 500)),
    st.tuples(st.just("pay"), st.sampled_from(PERSONAS), st.integers(1, 400)),
    st.tuples(st.just("approve"), st.sampled_from(PERSONAS), st.integers(0, 5)),
)


def _do(books, decision, operation):
    name, persona, number = operation
    user = books.users[persona]
    if name == "income":
        actions.record_income(user, books.treasury.id, into=books.bank.id,
                              source=books.donations.id, amount=str(number))
    elif name == "transfer":
        actions.record_transfer(user, books.treasury.id, from_account=books.bank.id,
                                to_account=books.reserve.id, amount=str(number))
    elif name == "pay":
        actions.propose_payment(user, decision=decision, from_account=books.bank.id,
                                amount=str(number))
    else:
        payments = list(Movement.objects.filter(kind="payment").order_by("ts", "id"))
        if payments:
            actions.approve_payment(user, payments[number % len(payments)].id)


def _assert_books_balance(books):
    for currency in books.treasury.currencies:
        total = sum(Account.objects.filter(treasury_id=books.treasury.id, currency=currency)
                    .values_list("balance_minor", flat=True))
        assert total == 0, f"{currency} debits and credits differ by {total}"
    for movement in Movement.objects.filter(treasury_id=books.treasury.id):
        assert sum(Posting.objects.filter(movement_id=movement.id)
                   .values_list("amount_minor", flat=True)) == 0
    effective_spending = sum(Movement.objects.filter(kind="payment", status="effective")
                             .values_list("amount_minor", flat=True))
    assert effective_spending <= 60_000  # never beyond the grant
    assert sum(MonthTotal.objects.values_list("spending_minor", flat=True)) == effective_spending


def test_debits_equal_credits_after_any_sequence_of_operations(books):
    decision = grant(books, 60_000)

    @settings(max_examples=8, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.lists(OPERATION, min_size=1, max_size=12))
    def sequence_keeps_the_books_balanced(operations):
        savepoint = transaction.savepoint()
        try:
            for operation in operations:
                # A refused operation changes nothing; the books must still balance.
                with contextlib.suppress(FieldError, Rejected):
                    _do(books, decision, operation)
                _assert_books_balance(books)
        finally:
            transaction.savepoint_rollback(savepoint)

    sequence_keeps_the_books_balanced()
