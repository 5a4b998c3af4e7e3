"""Only the debtor confirms (or disputes) a debt recorded against them: refused through the
API and by the shared rule when another member's node writes the confirmation directly."""

from commoning.obligations import actions
from commoning.obligations.models import Obligation
from commoning.obligations.tests.kit import member_id
from commoning.testing import HostileNode


def _recorded(alice, bob):
    return actions.record_obligation(alice, debtor_id=member_id(bob), amount=1200, unit="EUR")


def test_it_refuses_a_confirmation_by_someone_else_through_the_page(client, alice, bob, eve):
    obligation = _recorded(alice, bob)
    client.force_login(eve)
    response = client.post(f"/debts/{obligation.id}/confirm/")
    assert response.status_code == 404
    assert not Obligation.objects.get(id=obligation.id).confirmed


def test_it_refuses_the_creditor_confirming_their_own_claim(client, alice, bob):
    obligation = _recorded(alice, bob)
    client.force_login(alice)
    response = client.post(f"/debts/{obligation.id}/confirm/")
    assert response.status_code == 403
    assert not Obligation.objects.get(id=obligation.id).confirmed


def test_a_hostile_node_confirming_for_the_debtor_is_rejected(alice, bob, eve):
    obligation = _recorded(alice, bob)
    for hostile in (HostileNode.of(eve), HostileNode.of(alice)):
        written = hostile.write("obligation.confirm", {"obligation": obligation.id},
                                deps=[obligation.id])
        assert written.status == "rejected", written
        assert "debtor" in written.reason
    assert not Obligation.objects.get(id=obligation.id).confirmed


def test_a_hostile_node_disputing_for_the_debtor_or_withdrawing_for_the_creditor_is_rejected(
    alice, bob, eve
):
    obligation = _recorded(alice, bob)
    mallory = HostileNode.of(eve)
    for type_name in ("obligation.dispute", "obligation.withdraw", "obligation.exclude"):
        written = mallory.write(type_name, {"obligation": obligation.id}, deps=[obligation.id])
        assert written.status == "rejected", written
    row = Obligation.objects.get(id=obligation.id)
    assert not (row.disputed or row.withdrawn)


def test_a_record_without_the_debtor_in_its_deps_or_owed_to_oneself_is_rejected(alice, bob):
    mallory = HostileNode.of(alice)
    data = {"debtor": member_id(bob), "amount": 100, "unit": "EUR"}
    assert mallory.write("obligation.record", data).status == "rejected"
    self_owed = {**data, "debtor": member_id(alice)}
    assert mallory.write("obligation.record", self_owed, deps=[member_id(alice)]).status == (
        "rejected")
    negative = {**data, "amount": -5}
    assert mallory.write("obligation.record", negative, deps=[member_id(bob)]).status == (
        "rejected")
    assert not Obligation.objects.exists()
    assert mallory.write("obligation.record", data, deps=[member_id(bob)]).applied
