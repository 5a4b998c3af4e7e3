"""The index is derived data: after `rebuild` every search gives the same answer, and the
index is left out of the state hash (it holds attachment text, which is node-local)."""

from commoning.log.projection import rebuild, state_hash
from commoning.search.index import catch_up
from commoning.search.models import SearchDocument
from commoning.search.query import search
from commoning.search.tests.kit import small_world

QUERIES = ["plywood", "tensioner", "heddle", "treadles", "bob", "lowlands", "the", "loom"]


def answers(net):
    return [[(item.kind, item.id, str(item.title), str(item.snippet))
             for item in search(net, query).items] for query in QUERIES]


def test_every_search_answers_the_same_after_a_rebuild(net, alice, bob):
    small_world(alice, bob)
    before = answers(net)
    assert any(before)
    rebuild()
    assert answers(net) == before


def test_a_rebuild_from_an_emptied_index_restores_it(net, alice, bob):
    small_world(alice, bob)
    before = answers(net)
    SearchDocument.objects.all().delete()
    rebuild()
    catch_up()
    assert answers(net) == before


def test_the_index_is_not_part_of_the_state_hash(net, alice, bob):
    small_world(alice, bob)
    catch_up()
    digest = state_hash()
    SearchDocument.objects.filter(kind="member").delete()
    assert state_hash() == digest
