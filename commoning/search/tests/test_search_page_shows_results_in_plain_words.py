"""The search page: a box in every page's header, results with plain kind names and correct
plurals, filters by kind, commons and member, and advice when nothing is found."""

from django.urls import reverse

from commoning.search.tests.kit import small_world


def test_every_page_has_a_search_box_in_its_header(client, net):
    page = client.get(reverse("commons_list")).content.decode()
    assert f'action="{reverse("search")}"' in page and 'name="q"' in page


def test_results_say_their_kind_in_plain_words_with_a_correct_plural(client, net, alice, bob):
    small_world(alice, bob)
    one = client.get(reverse("search"), {"q": "plywood"}).content.decode()
    assert "1 result on this page." in one and ">Commons<" in one
    assert "<mark>plywood</mark>" in one
    several = client.get(reverse("search"), {"q": "the"}).content.decode()
    assert "results on this page." in several
    assert "commons.create" not in several and "work." not in several


def test_the_kind_filter_keeps_one_kind(client, net, alice, bob):
    world = small_world(alice, bob)
    response = client.get(reverse("search"), {"q": "the", "kind": "artifact"})
    assert [row["item"].id for row in response.context["results"]] == [world.artifact.id]


def test_the_commons_and_member_filters_keep_theirs(client, net, alice, bob):
    world = small_world(alice, bob)
    by_bob = client.get(reverse("search"), {"q": "the", "member": world.bob_id}).context
    # His contribution, and his own member page (his bio says "the lowlands").
    assert {row["item"].id for row in by_bob["results"]} == {world.contribution.id, world.bob_id}
    in_commons = client.get(reverse("search"), {"q": "the", "commons": world.commons.id})
    assert "Only in the commons Hand Loom." in in_commons.content.decode()
    assert {row["item"].kind for row in in_commons.context["results"]} >= {"task", "artifact"}


def test_nothing_found_gives_advice_and_keeps_the_query(client, net, alice, bob):
    small_world(alice, bob)
    response = client.get(reverse("search"), {"q": "zeppelin", "kind": "task"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing found for “zeppelin”." in page and "try fewer words" in page
    assert 'value="zeppelin"' in page and "Search everything instead" in page


def test_the_query_is_escaped_everywhere(client, net, alice, bob):
    small_world(alice, bob)
    page = client.get(reverse("search"), {"q": "<b>loom</b>"}).content.decode()
    assert "<b>loom</b>" not in page and "&lt;b&gt;loom&lt;/b&gt;" in page
