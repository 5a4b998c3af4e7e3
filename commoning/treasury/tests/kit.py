"""Small helpers the treasury's tests share: balances as a dict, and what a hostile steward
writes to pay or approve, with the deps an honest node would list."""

from commoning.treasury import governance
from commoning.treasury.models import Account, Movement


def balances(books) -> dict:
    return dict(Account.objects.filter(treasury_id=books.treasury.id)
                .values_list("name", "balance_minor"))


def payments_state(books) -> dict:
    return dict(Movement.objects.filter(treasury_id=books.treasury.id, kind="payment")
                .values_list("id", "status"))


def pay(node, books, decision_id, amount_minor, **options):
    data = {"decision": decision_id, "from": books.bank.id, "amount": amount_minor}
    deps = {decision_id, books.bank.id, books.tools.id, *governance.current_heads(books.net),
            *options.pop("deps", ())}
    return node.write("treasury.payment", data, deps=sorted(deps), **options)


def approve(node, books, payment_id, **options):
    deps = {payment_id, *governance.current_heads(books.net), *options.pop("deps", ())}
    return node.write("treasury.approve", {"payment": payment_id}, deps=sorted(deps), **options)


def income(node, books, amount_minor, **options):
    data = {"treasury": books.treasury.id, "kind": "income", "postings": [
        {"account": books.bank.id, "amount": amount_minor},
        {"account": books.dues.id, "amount": -amount_minor}]}
    data.update(options.pop("data", {}))
    deps = {books.treasury.id, books.bank.id, books.dues.id,
            *governance.current_heads(books.net), *options.pop("deps", ())}
    return node.write("treasury.movement", data, deps=sorted(deps), **options)
