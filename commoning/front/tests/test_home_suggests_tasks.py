"""The home page suggests open tasks that fit a member's past work, with the reason."""

from commoning.commons.actions import create_commons
from commoning.testing import PASSWORD
from commoning.work import actions as work_actions


def test_it_shows_a_member_open_tasks_of_a_kind_they_have_contributed(client, alice, bob, carol):
    commons = create_commons(alice, name="Seed Press", licence="CERN-OHL-S-2.0")
    work_actions.record_contribution(
        bob, commons.id, kind="design", effort_minutes=90, description="Drew the frame"
    )
    work_actions.create_task(alice, commons.id, title="Redraw the hopper", kind="design")
    client.login(username="bob", password=PASSWORD)

    page = client.get("/")

    assert page.status_code == 200
    assert "Redraw the hopper" in page.content.decode()
    assert 'id="home-matches"' in page.content.decode()


def test_it_suggests_nothing_to_a_visitor(client, alice):
    commons = create_commons(alice, name="Seed Press", licence="CERN-OHL-S-2.0")
    work_actions.create_task(alice, commons.id, title="Redraw the hopper", kind="design")

    page = client.get("/")

    assert page.status_code == 200
    assert 'id="home-matches"' not in page.content.decode()
