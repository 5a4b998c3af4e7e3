"""Nobody spends treasury money through the pages or the API without a passed decision that
granted it and k steward approvals, or beyond the grant: each refusal is a 4xx and nothing in
the log or the books changes."""

from django.test import Client

from commoning.accounts.actions import create_api_token
from commoning.log.models import Entry
from commoning.log.projection import state_hash
from commoning.treasury import actions
from commoning.treasury.testing import grant
from commoning.treasury.tests.kit import balances, payments_state


def _web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user) -> Client:
    _row, token = create_api_token(user, "test")
    return Client(headers={"Authorization": f"Bearer {token}"})


def _unchanged(books):
    return (Entry.objects.count(), state_hash(), balances(books), payments_state(books))


def _funded(books):
    actions.record_income(books.users["alice"], books.treasury.id, into=books.bank.id,
                          source=books.dues.id, amount="1000")


def test_a_member_who_is_no_steward_cannot_record_income_on_the_page(books):
    before = _unchanged(books)
    response = _web(books.users["dave"]).post(
        f"/treasury/{books.treasury.id}/income/",
        {"into": books.bank.id, "source": books.dues.id, "amount": "50"})
    assert response.status_code == 403
    assert _unchanged(books) == before


def test_a_payment_over_the_grant_is_refused_on_the_page_beside_the_amount(books):
    _funded(books)
    decision = grant(books, 30_000)
    before = _unchanged(books)
    response = _web(books.users["alice"]).post(
        f"/treasury/{books.treasury.id}/pay/",
        {"decision": decision, "from_account": books.bank.id, "amount": "300.01"})
    assert response.status_code == 400
    assert "more than the decision granted" in response.content.decode()
    assert 'value="300.01"' in response.content.decode()
    assert _unchanged(books) == before


def test_a_payment_naming_no_decision_is_refused_by_the_api(books):
    _funded(books)
    before = _unchanged(books)
    response = _api(books.users["alice"]).post(
        f"/api/treasury/{books.treasury.id}/payments",
        {"decision": books.treasury.id, "from_account": books.bank.id, "amount_minor": 100},
        content_type="application/json")
    assert response.status_code == 422
    assert _unchanged(books) == before


def test_a_member_who_is_no_steward_cannot_approve_through_the_api(books):
    _funded(books)
    payment = actions.propose_payment(books.users["alice"], decision=grant(books, 30_000),
                                      from_account=books.bank.id, amount="300")
    before = _unchanged(books)
    response = _api(books.users["dave"]).post(f"/api/treasury/payments/{payment.id}/approvals")
    assert response.status_code == 403
    assert _unchanged(books) == before


def test_a_steward_cannot_approve_the_same_payment_twice_on_the_page(books):
    _funded(books)
    payment = actions.propose_payment(books.users["alice"], decision=grant(books, 30_000),
                                      from_account=books.bank.id, amount="300")
    web = _web(books.users["bob"])
    address = f"/treasury/{books.treasury.id}/payments/{payment.id}/approve/"
    assert web.post(address, {"confirm": "on"}).status_code == 303
    before = _unchanged(books)
    assert web.post(address, {"confirm": "on"}).status_code == 409
    assert _unchanged(books) == before
    assert payments_state(books)[payment.id] == "pending"


def test_an_approval_without_the_confirmation_tick_is_refused_in_place(books):
    _funded(books)
    payment = actions.propose_payment(books.users["alice"], decision=grant(books, 30_000),
                                      from_account=books.bank.id, amount="300")
    before = _unchanged(books)
    response = _web(books.users["bob"]).post(
        f"/treasury/{books.treasury.id}/payments/{payment.id}/approve/", {})
    assert response.status_code == 400
    assert _unchanged(books) == before


def test_k_stewards_approving_on_the_page_make_the_payment_take_effect(books):
    _funded(books)
    payment = actions.propose_payment(books.users["alice"], decision=grant(books, 30_000),
                                      from_account=books.bank.id, amount="300")
    address = f"/treasury/{books.treasury.id}/payments/{payment.id}/approve/"
    assert _web(books.users["bob"]).post(address, {"confirm": "on"}).status_code == 303
    assert payments_state(books)[payment.id] == "pending"
    assert _web(books.users["carol"]).post(address, {"confirm": "on"}).status_code == 303
    assert payments_state(books)[payment.id] == "effective"
    assert balances(books)["Tools and parts"] == 30_000
    assert balances(books)["Bank"] == 100_000 - 30_000


def test_an_amount_that_is_no_number_is_refused_beside_the_field(books):
    before = _unchanged(books)
    response = _web(books.users["alice"]).post(
        f"/treasury/{books.treasury.id}/income/",
        {"into": books.bank.id, "source": books.dues.id, "amount": "1e9"})
    assert response.status_code == 400
    assert "such as 12.50" in response.content.decode()
    assert _unchanged(books) == before


def test_an_action_address_asked_with_get_sends_the_browser_to_the_page(books):
    response = _web(books.users["alice"]).get(f"/treasury/{books.treasury.id}/income/")
    assert response.status_code == 303
    assert response["Location"] == f"/treasury/{books.treasury.id}/"
