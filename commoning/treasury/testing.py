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
    """Alice, Bob and Carol are stewards (k = payment_approvals), Dave a member, Eve an outsider
    with a login but no membership of the association."""
    from commoning.association.statutes import Statutes
    from commoning.association.testing import make_association

    net = make_network()
    users = {name: make_member(net, name) for name in ("alice", "bob", "carol", "dave", "eve")}
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
    from commoning.decisions.testing import pass_decision

    users = books.users
    return pass_decision(
        books.net, users["alice"], [users["alice"], users["bob"], users["carol"]], users["dave"],
        effect={"kind": "grant", "treasury": books.treasury.id, "currency": "EUR",
                "amount": amount_minor, "to": to, "account": books.tools.id},
        kind="spending")
