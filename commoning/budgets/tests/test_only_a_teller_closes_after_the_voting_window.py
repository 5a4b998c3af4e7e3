"""Only a teller closes a round, and only after its voting window: refused through the page and
the API, and by the shared rule (a close dated back before the window's end is rejected; one
dated ahead waits for its time)."""

from commoning.budgets.models import Close, Round
from commoning.budgets.tests import kit
from commoning.testing import HostileNode


def test_it_refuses_a_member_closing_a_round(client, valley, alice, carol, moved):
    round_row = kit.open_round(alice, moved.now)
    kit.to_counting(moved, round_row)
    client.force_login(carol)
    assert client.post(f"/budgets/{round_row.id}/close/").status_code == 403
    response = client.post(f"/api/budgets/{round_row.id}/close", content_type="application/json",
                           headers=kit.bearer(carol))
    assert response.status_code == 403
    written = HostileNode.of(carol).write("budget.close", {"round": round_row.id, "ballots": []},
                                          deps=[round_row.id])
    assert written.status == "rejected"
    assert "teller" in written.reason
    assert not Close.objects.exists()


def test_it_refuses_a_close_before_the_voting_window_ends(client, valley, alice, bob, moved):
    round_row = kit.open_round(alice, moved.now)
    kit.to_voting(moved, round_row)
    client.force_login(bob)
    assert client.post(f"/budgets/{round_row.id}/close/").status_code == 409
    written = HostileNode.of(bob).write("budget.close", {"round": round_row.id, "ballots": []},
                                        deps=[round_row.id])
    assert written.status == "rejected"
    assert "after its voting window" in written.reason
    assert not Close.objects.exists()
    assert Round.objects.get(id=round_row.id).close_id == ""


def test_a_close_dated_ahead_to_the_window_end_waits_for_its_time(valley, alice, bob, moved):
    round_row = kit.open_round(alice, moved.now)
    written = HostileNode.of(bob).write("budget.close", {"round": round_row.id, "ballots": []},
                                        deps=[round_row.id], ts=round_row.voting_closes_ms)
    assert written.status != "applied"
    assert not Close.objects.exists()


def test_a_teller_closes_after_the_window(client, valley, alice, bob, moved):
    round_row = kit.open_round(alice, moved.now)
    kit.to_counting(moved, round_row)
    client.force_login(bob)
    response = client.post(f"/budgets/{round_row.id}/close/")
    assert response.status_code == 303
    assert Round.objects.get(id=round_row.id).close_id
