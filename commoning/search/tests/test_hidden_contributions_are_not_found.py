"""A contribution hidden as spam is not found, however the hide arrives: through the page or
written directly by a node (the founder's key, used as a hostile node would)."""

from django.urls import reverse

from commoning.search.tests.kit import found, small_world
from commoning.testing import HostileNode


def test_a_contribution_hidden_through_the_page_is_not_found(client, net, alice, bob):
    world = small_world(alice, bob)
    assert found(net, "heddle") == [("contribution", world.contribution.id)]
    client.force_login(alice)
    response = client.post(reverse("work_hide", args=[world.contribution.id]),
                           {"reason": "advertising", "confirm": "on"})
    assert response.status_code == 303, response.content[:300]
    assert found(net, "heddle") == []
    assert client.get(reverse("search"), {"q": "heddle"}).context["results"] == []


def test_a_contribution_hidden_by_an_entry_written_directly_is_not_found(net, alice, bob):
    world = small_world(alice, bob)
    written = HostileNode.of(alice).write(
        "work.hide", {"contribution": world.contribution.id, "reason": "spam"},
        deps=[world.contribution.id])
    assert written.applied, written
    assert found(net, "heddle") == []
    assert found(net, "frame", kind="contribution") == []


def test_a_hide_refused_by_the_rule_leaves_it_found(net, alice, bob, carol):
    world = small_world(alice, bob)
    written = HostileNode.of(carol).write(
        "work.hide", {"contribution": world.contribution.id, "reason": "mine now"},
        deps=[world.contribution.id])
    assert not written.applied, written
    assert found(net, "heddle") == [("contribution", world.contribution.id)]
