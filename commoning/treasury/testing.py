"""Test helpers of the treasury: an association with stewards, books with the usual accounts,
and a decision that granted a payment, all through the real actions."""

from dataclasses import dataclass

from commoning.testing import make_member, make_network
from commoning.treasury import actions


@dataclass
class Books:
    net: str
    users: dict  # persona name -> user
    treasury: object
    bank: object  # assets
    cash: object  # assets
    dues: object  # income
    donations: object  # income
    tools: object  # expenses
    reserve: object  # reserves


def make_books(*, payment_approvals: int = 2) -> Books:
    """Alice, Bob and Carol are stewards (k = payment_approvals), Dave a member and teller."""
    from commoning.association.statutes import Statutes
    from commoning.association.testing import make_association

    net = make_network()
    users = {name: make_member(net, name) for name in ("alice", "bob", "carol", "dave")}
    make_association(net, users["alice"], members=(users["bob"], users["carol"], users["dave"]),
                     stewards=(users["alice"], users["bob"], users["carol"]),
                     tellers=(users["dave"],),
                     statutes=Statutes(payment_approvals=payment_approvals))
    treasury = actions.open_treasury(users["alice"], name="Valley Association",
                                     currencies=[("EUR", 2)])

    def account(name, kind):
        return actions.open_account(users["alice"], treasury.id, name=name, kind=kind,
                                    currency="EUR")

    return Books(net, users, treasury, account("Bank", "assets"), account("Cash box", "assets"),
                 account("Dues", "income"), account("Donations", "income"),
                 account("Tools and parts", "expenses"), account("Reserve", "reserves"))


def grant(books: Books, amount_minor: int, *, to: str = "Valley Makerspace") -> str:
    """A passed spending decision granting `amount_minor` EUR to the tools account; its close id."""
    users = books.users
    effect = grant_effect(books.treasury.id, "EUR", amount_minor, to, books.tools.id)
    return decide(books, [users["alice"], users["bob"], users["carol"]], kind="spending",
                  effect=effect)


def grant_effect(treasury_id: str, currency: str, amount_minor: int, to: str,
                 account_id: str) -> dict:
    """A "grant" effect, its keys in the entry's canonical (sorted) order: the decisions app
    keeps the effect as the proposing action was given it, and its state hash would otherwise
    differ between the proposing node and one that ingested the entry."""
    effect = {"kind": "grant", "treasury": treasury_id, "currency": currency,
              "amount": amount_minor, "to": to, "account": account_id}
    return dict(sorted(effect.items()))


def decide(books: Books, voters, **options) -> str:
    """pass_decision, opened no earlier than the latest entry here: a vote closes a minute
    after it opens, so the next one must open after that close."""
    from commoning.decisions.testing import clock_at, pass_decision
    from commoning.log import clock
    from commoning.log.models import Entry

    latest = max(Entry.objects.values_list("ts", flat=True), default=0)
    with clock_at(max(clock.now_ms(), latest + 1)):
        return pass_decision(books.net, books.users["alice"], voters, books.users["dave"],
                             **options)
