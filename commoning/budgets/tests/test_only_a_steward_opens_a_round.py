"""Only a steward of the association opens a budgeting round: a member is refused through the
page and the API (403, nothing written) and by the shared rule when writing it directly."""

from commoning.budgets.models import Round
from commoning.budgets.tests import kit
from commoning.testing import HostileNode


def round_data(now):
    return {"title": "Carol's round", "budget": 50_000, "currency": "EUR",
            "proposing_closes": now + kit.HOUR, "voting_closes": now + 2 * kit.HOUR}


def test_it_refuses_a_member_opening_a_round_through_the_page(client, valley, carol, moved):
    client.force_login(carol)
    response = client.post("/budgets/new/", {
        "title": "Carol's round", "budget": "500", "currency": "EUR",
        "proposing_closes": "2099-01-01T10:00", "voting_closes": "2099-01-02T10:00"})
    assert response.status_code == 403
    assert "steward" in response.content.decode()
    assert not Round.objects.exists()


def test_it_refuses_a_member_opening_a_round_through_the_api(client, valley, carol, moved):
    response = client.post("/api/budgets", {
        "title": "Carol's round", "budget_minor": 50_000, "currency": "EUR",
        "proposing_closes_ms": moved.now + kit.HOUR, "voting_closes_ms": moved.now + 2 * kit.HOUR,
    }, content_type="application/json", headers=kit.bearer(carol))
    assert response.status_code == 403
    assert not Round.objects.exists()


def test_it_rejects_a_round_a_member_writes_directly(net, valley, carol, moved):
    from commoning.association.roster import current_heads

    written = HostileNode.of(carol).write("budget.round", round_data(moved.now),
                                          deps=current_heads(net))
    assert written.status == "rejected"
    assert "steward" in written.reason
    assert not Round.objects.exists()


def test_it_rejects_a_round_that_names_no_roster(valley, alice, moved):
    written = HostileNode.of(alice).write("budget.round", round_data(moved.now))
    assert written.status == "rejected"
    assert "roster" in written.reason


def test_a_steward_opens_a_round_directly(net, valley, alice, moved):
    from commoning.association.roster import current_heads

    written = HostileNode.of(alice).write("budget.round", round_data(moved.now),
                                          deps=current_heads(net))
    assert written.applied, written.reason
