"""The debt pages: record, confirm, the lists, a run with what each member gains, consent and
decline through the pages, and refusals that come back as 4xx with nothing changed."""

from commoning.obligations import actions
from commoning.obligations.models import ClearingRun, Obligation
from commoning.obligations.tests.kit import cycle, member_id


def test_a_member_records_a_debt_and_the_debtor_confirms_it_through_the_pages(client, alice, bob):
    client.force_login(alice)
    assert client.get("/debts/new/").status_code == 200
    response = client.post("/debts/new/", {"debtor": member_id(bob), "amount": "12.50",
                                           "unit": "EUR", "memo": "Seed packets"})
    assert response.status_code == 303
    obligation = Obligation.objects.get()
    assert (obligation.amount, obligation.unit, obligation.confirmed) == (1250, "EUR", False)
    client.force_login(bob)
    page = client.get("/debts/")
    assert "Seed packets" in page.content.decode()
    assert client.post(f"/debts/{obligation.id}/confirm/").status_code == 303
    assert Obligation.objects.get().confirmed


def test_a_refused_record_comes_back_with_the_input_kept(client, alice, bob):
    client.force_login(alice)
    response = client.post("/debts/new/", {"debtor": member_id(bob), "amount": "12.505",
                                           "unit": "EUR", "memo": "Kept memo"})
    assert response.status_code == 400
    assert "Kept memo" in response.content.decode()
    assert not Obligation.objects.exists()


def test_the_run_page_shows_what_each_member_gains_and_takes_answers(client, alice, bob, carol):
    cycle(alice, bob, carol)
    client.force_login(alice)
    response = client.post("/debts/runs/new/", {"unit": "EUR"})
    assert response.status_code == 303
    run = ClearingRun.objects.get()
    page = client.get(f"/debts/runs/{run.id}/").content.decode()
    assert "20.00 EUR" in page  # what each member's debts fall by
    assert client.post(f"/debts/runs/{run.id}/consent/").status_code == 303
    client.force_login(bob)
    refused = client.post(f"/debts/runs/{run.id}/decline/")  # without the confirm tick
    assert refused.status_code == 400
    assert ClearingRun.objects.get().declines == 0
    assert client.post(f"/debts/runs/{run.id}/decline/", {"confirm": "on"}).status_code == 303
    assert ClearingRun.objects.get().status == "declined"


def test_a_run_with_nothing_to_clear_is_refused_on_the_runs_page(client, alice, bob):
    actions.confirm_obligation(bob, actions.record_obligation(
        alice, debtor_id=member_id(bob), amount=500, unit="EUR").id)
    client.force_login(alice)
    response = client.post("/debts/runs/new/", {"unit": "EUR"})
    assert response.status_code == 400
    assert not ClearingRun.objects.exists()


def test_every_debt_page_answers_a_visitor_or_member(client, alice, bob, carol):
    cycle(alice, bob, carol)
    run = actions.start_run(alice, unit="EUR")
    for path in ("/debts/runs/", f"/debts/runs/{run.id}/"):
        assert client.get(path).status_code == 200
    client.force_login(bob)
    for path in ("/debts/", "/debts/?list=owing", "/debts/?list=owed", "/debts/import/",
                 "/debts/export.csv?unit=EUR"):
        assert client.get(path).status_code == 200, path
    assert client.get("/debts/?after=garbage&list=owed").status_code == 400
    assert client.get("/debts/runs/" + "0" * 64 + "/").status_code == 404
