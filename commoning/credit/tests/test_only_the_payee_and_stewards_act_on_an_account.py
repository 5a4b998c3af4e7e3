"""Only the payee answers a payment, only a currency's steward sets limits and writes balances
off: refused through the pages and API (4xx, nothing changed) and by the shared rule."""

from commoning.credit.actions import do_transfer, set_limit
from commoning.credit.models import Account, LimitGrant, Transfer
from commoning.credit.testing import make_currency
from commoning.credit.tests.kit import member_id
from commoning.testing import HostileNode


def test_a_stranger_accepting_someone_elses_payment_through_the_page_gets_a_403(client, net,
                                                                              alice, bob, eve):
    currency_id = make_currency(net, alice)
    transfer_id = do_transfer(alice, currency_id, member_id(bob), 500)
    client.force_login(eve)
    response = client.post(f"/credit/payments/{transfer_id}/accept/")
    assert response.status_code == 403
    assert Transfer.objects.get(id=transfer_id).status == "pending"


def test_a_stranger_accepting_someone_elses_payment_directly_is_rejected(net, alice, bob, eve):
    currency_id = make_currency(net, alice)
    transfer_id = do_transfer(alice, currency_id, member_id(bob), 500)
    for entry_type in ("credit.accept", "credit.decline"):
        written = HostileNode.of(eve).write(entry_type, {"transfer": transfer_id},
                                            deps=[transfer_id])
        assert written.status == "rejected"
        assert "payee" in written.reason
    assert Transfer.objects.get(id=transfer_id).status == "pending"


def test_a_member_setting_their_own_limit_directly_is_rejected(net, alice, eve):
    currency_id = make_currency(net, alice)
    written = HostileNode.of(eve).write(
        "credit.limit", {"currency": currency_id, "member": member_id(eve), "limit": 10**9},
        deps=sorted([currency_id, member_id(eve)]))
    assert written.status == "rejected"
    assert "steward" in written.reason
    assert not LimitGrant.objects.exists()


def test_a_member_writing_off_their_own_debt_directly_is_rejected(net, alice, eve):
    currency_id = make_currency(net, alice)
    written = HostileNode.of(eve).write(
        "credit.writeoff", {"currency": currency_id, "member": member_id(eve), "amount": 900},
        deps=sorted([currency_id, member_id(eve)]))
    assert written.status == "rejected"
    assert not Account.objects.filter(member_id=member_id(eve)).exists()


def test_the_api_refuses_a_limit_from_a_non_steward(client, net, alice, eve):
    from commoning.accounts.actions import create_api_token

    currency_id = make_currency(net, alice)
    _, token = create_api_token(eve, "phone")
    response = client.post(f"/api/credit/currencies/{currency_id}/limits",
                           {"member": member_id(eve), "limit": 100000},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403
    assert not LimitGrant.objects.exists()


def test_a_steward_sets_a_limit(net, alice, bob):
    currency_id = make_currency(net, alice)
    set_limit(alice, currency_id, member_id(bob), 20_000)
    assert LimitGrant.objects.get().limit_minor == 20_000


def test_a_currency_with_a_bad_shape_is_rejected(net, alice):
    written = HostileNode.of(alice).write(
        "credit.currency", {"name": "Floaty", "symbol": "f", "exponent": 9,
                            "default_limit": 10**14})
    assert written.status == "rejected"
