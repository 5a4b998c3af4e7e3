"""Search finds every kind of object by a word of its text, on SQLite and PostgreSQL alike
(this file runs on both: set DATABASE_URL for PostgreSQL)."""

from commoning.search.query import search
from commoning.search.tests.kit import found, small_world


def test_it_finds_a_commons_by_a_word_of_its_description(net, alice, bob):
    world = small_world(alice, bob)
    assert found(net, "plywood") == [("commons", world.commons.id)]


def test_it_finds_a_task_by_its_title_and_by_its_description(net, alice, bob):
    world = small_world(alice, bob)
    assert found(net, "tensioner") == [("task", world.task.id)]
    assert found(net, "SPRING drawing") == [("task", world.task.id)]


def test_it_finds_a_contribution_by_its_note(net, alice, bob):
    world = small_world(alice, bob)
    assert found(net, "heddle") == [("contribution", world.contribution.id)]
    assert found(net, "dimension") == [("contribution", world.contribution.id)]


def test_it_finds_an_artifact_by_its_text(net, alice, bob):
    world = small_world(alice, bob)
    assert found(net, "treadles") == [("artifact", world.artifact.id)]


def test_it_finds_a_member_by_name_and_by_bio(net, alice, bob):
    world = small_world(alice, bob)
    assert found(net, "bob") == [("member", world.bob_id)]
    assert found(net, "lowlands") == [("member", world.bob_id)]


def test_it_needs_every_word_of_the_query(net, alice, bob):
    small_world(alice, bob)
    assert found(net, "plywood treadles") == []


def test_it_returns_the_results_shape_with_marked_escaped_snippets(net, alice, bob):
    world = small_world(alice, bob)
    [result] = search(net, "plywood").items
    assert result.kind == "commons" and result.id == world.commons.id
    assert result.title == "Hand Loom"
    assert "<mark>plywood</mark>" in result.snippet
    assert result.link == f"/commons/{world.commons.id}/"
    assert result.ts == world.commons.created_ts
    [task] = search(net, "spring").items
    assert task.title == "Tension <mark>spring</mark> drawing"
