"""Nobody spends treasury money without a passed decision that granted it and k steward
approvals, or beyond the grant: the shared rules refuse (or leave without effect) what a hostile
node writes directly, whatever the pages would have allowed."""

from commoning.decisions.testing import clock_at
from commoning.log.models import Entry
from commoning.testing import HostileNode
from commoning.treasury import actions
from commoning.treasury.testing import decide, grant, grant_effect
from commoning.treasury.tests.kit import approve, balances, income, pay, payments_state


def _funded(books, amount_minor=100_000):
    actions.record_income(books.users["alice"], books.treasury.id, into=books.bank.id,
                          source=books.dues.id, amount=str(amount_minor // 100))
    return books


def test_a_non_steward_recording_income_is_rejected(books):
    written = income(HostileNode.of(books.users["dave"]), books, 5_000)
    assert written.status == "rejected" and "steward" in written.reason
    assert balances(books)["Bank"] == 0


def test_a_steward_opening_a_treasury_and_an_account_directly_is_applied(books):
    node = HostileNode.of(books.users["bob"])
    from commoning.treasury.governance import current_heads

    opened = node.write("treasury.open", {"name": "Second books", "currencies": [
        {"code": "CHF", "exponent": 2}]}, deps=current_heads(books.net))
    assert opened.applied, opened.reason
    account = node.write("treasury.account", {"treasury": opened.id, "name": "Till",
                                              "kind": "assets", "currency": "CHF"},
                         deps=sorted([opened.id, *current_heads(books.net)]))
    assert account.applied, account.reason


def test_a_non_steward_opening_a_treasury_is_rejected(books):
    from commoning.treasury.governance import current_heads

    written = HostileNode.of(books.users["dave"]).write(
        "treasury.open", {"name": "Dave's books", "currencies": [{"code": "EUR", "exponent": 2}]},
        deps=current_heads(books.net))
    assert written.status == "rejected"


def test_an_unbalanced_movement_is_rejected(books):
    written = income(HostileNode.of(books.users["alice"]), books, 5_000, data={"postings": [
        {"account": books.bank.id, "amount": 5_000}, {"account": books.dues.id, "amount": -4_000}]})
    assert written.status == "rejected" and "equal" in written.reason
    assert balances(books)["Bank"] == 0


def test_spending_by_a_recorded_movement_instead_of_a_payment_is_rejected(books):
    _funded(books)
    written = income(HostileNode.of(books.users["alice"]), books, 5_000, data={
        "kind": "transfer", "postings": [{"account": books.tools.id, "amount": 5_000},
                                         {"account": books.bank.id, "amount": -5_000}]},
                     deps=[books.tools.id])
    assert written.status == "rejected" and "decision" in written.reason
    assert balances(books)["Tools and parts"] == 0


def test_a_non_steward_approving_a_payment_is_rejected(books):
    _funded(books)
    payment = actions.propose_payment(books.users["alice"], decision=grant(books, 30_000),
                                      from_account=books.bank.id, amount="300")
    written = approve(HostileNode.of(books.users["dave"]), books, payment.id)
    assert written.status == "rejected" and "steward" in written.reason
    assert payments_state(books)[payment.id] == "pending"


def test_one_steward_approving_twice_is_rejected_and_the_payment_waits(books):
    _funded(books)
    payment = actions.propose_payment(books.users["alice"], decision=grant(books, 30_000),
                                      from_account=books.bank.id, amount="300")
    bob = HostileNode.of(books.users["bob"])
    assert approve(bob, books, payment.id).applied
    again = approve(bob, books, payment.id)
    assert again.status == "rejected" and "already" in again.reason
    assert payments_state(books)[payment.id] == "pending"
    assert balances(books)["Tools and parts"] == 0


def test_a_payment_naming_a_decision_that_did_not_pass_is_rejected(books):
    _funded(books)
    users = books.users
    failed = decide(
        books, [], kind="spending",
        effect=grant_effect(books.treasury.id, "EUR", 30_000, "Nobody", books.tools.id))
    written = pay(HostileNode.of(users["alice"]), books, failed, 30_000)
    assert written.status == "rejected" and "did not pass" in written.reason


def test_a_payment_naming_a_decision_that_granted_nothing_is_rejected(books):
    _funded(books)
    users = books.users
    no_grant = decide(books, [users["alice"], users["bob"], users["carol"]])
    written = pay(HostileNode.of(users["alice"]), books, no_grant, 30_000)
    assert written.status == "rejected" and "granted no payment" in written.reason


def test_a_payment_naming_something_that_is_no_decision_is_rejected(books):
    written = pay(HostileNode.of(books.users["alice"]), books, books.treasury.id, 30_000)
    assert written.status == "rejected"


def test_a_payment_over_the_grant_is_rejected(books):
    _funded(books)
    written = pay(HostileNode.of(books.users["alice"]), books, grant(books, 30_000), 30_001)
    assert written.status == "rejected" and "exceed" in written.reason


def test_two_concurrent_payments_that_exceed_the_grant_together_pay_only_the_first(books):
    _funded(books)
    decision = grant(books, 30_000)
    alice, bob = HostileNode.of(books.users["alice"]), HostileNode.of(books.users["bob"])
    carol = HostileNode.of(books.users["carol"])
    first = pay(alice, books, decision, 20_000)
    second = pay(bob, books, decision, 20_000, ts=first.entry.ts + 1)
    assert first.applied and second.applied
    for payment in (second, first):  # approved in the opposite order of their dates
        assert approve(carol, books, payment.id).applied
        assert approve(alice if payment is second else bob, books, payment.id).applied
    assert payments_state(books) == {first.id: "effective", second.id: "over_grant"}
    assert balances(books)["Tools and parts"] == 20_000
    assert balances(books)["Bank"] == 80_000


def test_a_backdated_payment_gets_no_approval_from_a_steward_who_saw_a_later_one_take_effect(books):
    _funded(books)
    decision = grant(books, 30_000)
    users = books.users
    decided_at = Entry.objects.get(id=decision).ts
    with clock_at(decided_at + 5_000):
        effective = actions.propose_payment(users["alice"], decision=decision,
                                            from_account=books.bank.id, amount="200")
        actions.approve_payment(users["alice"], effective.id)
        actions.approve_payment(users["bob"], effective.id)
    assert payments_state(books)[effective.id] == "effective"
    # Carol dates a payment just before the effective one (not knowing it, by her own claim).
    backdated = pay(HostileNode.of(users["carol"]), books, decision, 20_000, ts=effective.ts - 1)
    assert backdated.applied
    from commoning.log.registry import Rejected

    try:
        actions.approve_payment(users["alice"], backdated.id)
    except Rejected as refusal:
        assert "dated before" in refusal.reason
    else:
        raise AssertionError("Alice's node saw the later payment take effect")
    assert payments_state(books) == {effective.id: "effective", backdated.id: "pending"}
    assert balances(books)["Tools and parts"] == 20_000


def test_a_movement_that_hides_its_accounts_from_its_deps_is_rejected(books):
    from commoning.treasury.governance import current_heads

    written = HostileNode.of(books.users["alice"]).write(
        "treasury.movement", {"treasury": books.treasury.id, "kind": "income", "postings": [
            {"account": books.bank.id, "amount": 500}, {"account": books.dues.id, "amount": -500}]},
        deps=sorted([books.treasury.id, *current_heads(books.net)]))
    assert written.status == "rejected" and "deps" in written.reason


def test_a_payment_that_hides_its_decision_from_its_deps_is_rejected(books):
    from commoning.treasury.governance import current_heads

    decision = grant(books, 30_000)
    written = HostileNode.of(books.users["alice"]).write(
        "treasury.payment", {"decision": decision, "from": books.bank.id, "amount": 100},
        deps=sorted([books.bank.id, books.tools.id, *current_heads(books.net)]))
    assert written.status == "rejected" and "deps" in written.reason


def test_an_approval_of_something_that_is_no_payment_is_rejected(books):
    from commoning.treasury.governance import current_heads

    written = HostileNode.of(books.users["bob"]).write(
        "treasury.approve", {"payment": books.bank.id},
        deps=sorted([books.bank.id, *current_heads(books.net)]))
    assert written.status == "rejected" and "no such payment" in written.reason
