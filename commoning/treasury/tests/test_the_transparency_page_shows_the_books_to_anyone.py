"""The transparency page needs no login: balances, every movement with its decision and
approvers, the payments waiting with their approvals so far, an SVG chart with a title, and a
CSV of every movement that parses back to the books."""

import csv
import io

from django.test import Client

from commoning.treasury import actions
from commoning.treasury.testing import grant


def _books_with_a_paid_grant(books):
    users = books.users
    actions.record_income(users["alice"], books.treasury.id, into=books.bank.id,
                          source=books.dues.id, amount="120", memo="Dues of Dave")
    actions.record_income(users["bob"], books.treasury.id, into=books.cash.id,
                          source=books.donations.id, amount="35.50", memo="=SUM(A1:A9)")
    decision = grant(books, 8_000, to="Valley Makerspace")
    paid = actions.propose_payment(users["alice"], decision=decision, from_account=books.bank.id,
                                   amount="80", memo="A drill press")
    actions.approve_payment(users["bob"], paid.id)
    actions.approve_payment(users["carol"], paid.id)
    waiting = actions.propose_payment(users["carol"], decision=grant(books, 2_000),
                                      from_account=books.cash.id, amount="20")
    actions.approve_payment(users["alice"], waiting.id)
    return decision, paid, waiting


def test_anyone_sees_balances_movements_decisions_and_approvers(books):
    decision, _paid, _waiting = _books_with_a_paid_grant(books)
    response = Client().get("/treasury/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Valley Makerspace" in page and "A drill press" in page
    assert f"/log/{decision}/" in page
    assert "Bob" in page and "Carol" in page  # the approvers of the paid grant
    assert "1 of 2 approvals" in page  # the payment still waiting
    assert "40.00" in page  # the bank: 120 in, 80 out
    assert "<svg" in page and "<title" in page and "<desc" in page
    assert "<script" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "For stewards" not in page  # visitors get no forms


def test_the_csv_holds_every_movement_and_parses_back_to_the_books(books):
    _decision, _paid, waiting = _books_with_a_paid_grant(books)
    response = Client().get(f"/treasury/{books.treasury.id}/movements.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_movement: dict[str, int] = {}
    for row in rows:
        by_movement[row["movement"]] = by_movement.get(row["movement"], 0) + int(
            row["amount_minor"])
    assert len(by_movement) == 4  # two incomes, two payments
    assert set(by_movement.values()) == {0}  # each movement balances
    effective_bank = sum(int(row["amount_minor"]) for row in rows
                         if row["account"] == "Bank" and row["status"] == "effective")
    assert effective_bank == 12_000 - 8_000
    assert {row["status"] for row in rows if row["movement"] == waiting.id} == {"pending"}
    assert any(row["memo"] == "'=SUM(A1:A9)" for row in rows)  # no formula for a spreadsheet


def test_a_steward_sees_the_forms_and_a_mangled_page_link_is_a_400(books):
    client = Client()
    client.force_login(books.users["alice"])
    page = client.get(f"/treasury/{books.treasury.id}/").content.decode()
    assert "Record income" in page and "Propose the payment" in page
    assert client.get(f"/treasury/{books.treasury.id}/?after=forged").status_code == 400
    assert Client().get("/treasury/" + "0" * 64 + "/").status_code == 404
