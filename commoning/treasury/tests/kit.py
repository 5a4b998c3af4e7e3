"""Small helpers the treasury's tests share: balances as a dict, and what a hostile steward
writes to pay or approve, with the deps an honest node would list."""

from commoning.log import clock
from commoning.log.append import feed_head
from commoning.log.models import Entry
from commoning.treasury import governance
from commoning.treasury.models import Account, Movement


def balances(books) -> dict:
    return dict(Account.objects.filter(treasury_id=books.treasury.id)
                .values_list("name", "balance_minor"))


def payments_state(books) -> dict:
    return dict(Movement.objects.filter(treasury_id=books.treasury.id, kind="payment")
                .values_list("id", "status"))


def _dated(node, options: dict, deps) -> dict:
    """Date the entry after its deps and its feed's head, as a node's append does (a decision
    closes a minute after the clock of the test), unless the test dates it itself."""
    if "ts" not in options:
        head = feed_head(node.net, node.public_hex)
        latest = max(Entry.objects.filter(id__in=list(deps)).values_list("ts", flat=True),
                     default=0)
        options["ts"] = max(clock.now_ms(), latest + 1, (head[2] + 1) if head else 0)
    return options


def pay(node, books, decision_id, amount_minor, **options):
    data = {"decision": decision_id, "from": books.bank.id, "amount": amount_minor}
    deps = {decision_id, books.bank.id, books.tools.id, *governance.current_heads(books.net),
            *options.pop("deps", ())}
    return node.write("treasury.payment", data, deps=sorted(deps), **_dated(node, options, deps))


def approve(node, books, payment_id, **options):
    deps = {payment_id, *governance.current_heads(books.net), *options.pop("deps", ())}
    return node.write("treasury.approve", {"payment": payment_id}, deps=sorted(deps),
                      **_dated(node, options, deps))


def income(node, books, amount_minor, **options):
    data = {"treasury": books.treasury.id, "kind": "income", "postings": [
        {"account": books.bank.id, "amount": amount_minor},
        {"account": books.dues.id, "amount": -amount_minor}]}
    data.update(options.pop("data", {}))
    deps = {books.treasury.id, books.bank.id, books.dues.id,
            *governance.current_heads(books.net), *options.pop("deps", ())}
    return node.write("treasury.movement", data, deps=sorted(deps), **_dated(node, options, deps))
