"""A clearing run is answered only by the members whose books it changes, each on their own
feed, once: refused through the API and by the rule when a hostile node writes it."""

from commoning.obligations import actions
from commoning.obligations.models import ClearingRun, RunParticipant
from commoning.obligations.tests.kit import cycle
from commoning.testing import HostileNode


def test_it_refuses_an_outsider_consenting_through_the_page(client, alice, bob, carol, eve):
    cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    client.force_login(eve)
    response = client.post(f"/debts/runs/{run.id}/consent/")
    assert response.status_code == 403
    assert ClearingRun.objects.get(id=run.id).consents == 0


def test_a_hostile_node_consenting_outside_the_run_is_rejected(alice, bob, carol, eve):
    cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    written = HostileNode.of(eve).write("clearing.consent", {"run": run.id}, deps=[run.id])
    assert written.status == "rejected"
    declined = HostileNode.of(eve).write("clearing.decline", {"run": run.id}, deps=[run.id])
    assert declined.status == "rejected"
    assert ClearingRun.objects.get(id=run.id).status == "open"


def test_a_participant_answers_once(alice, bob, carol):
    cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    actions.consent_to_run(bob, run.id)
    written = HostileNode.of(bob).write("clearing.decline", {"run": run.id}, deps=[run.id])
    assert written.status == "rejected"
    assert RunParticipant.objects.filter(run_id=run.id, answer="consent").count() == 1


def test_a_run_is_not_applied_without_every_consent(alice, bob, carol):
    debts = cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    for member in (alice, bob):
        HostileNode.of(member).write("clearing.consent", {"run": run.id}, deps=[run.id])
    assert ClearingRun.objects.get(id=run.id).status == "open"
    assert all(type(d).objects.get(id=d.id).remaining == d.amount for d in debts)
