"""The documents depend only on the set of entries (and the bodies held), never on the order
the entries arrived in."""

from commoning.commons.actions import update_commons
from commoning.log.models import Entry
from commoning.log.tests.kit import assert_same_in_any_order
from commoning.log.writer import entry_from_row
from commoning.search.index import catch_up
from commoning.search.models import SearchDocument
from commoning.search.tests.kit import found, small_world
from commoning.work import actions


def test_it_keeps_the_same_documents_in_any_order(net, alice, bob):
    world = small_world(alice, bob)
    update_commons(alice, world.commons.id, name="Floor Loom")
    actions.hide_contribution(alice, world.contribution.id, reason="duplicate")
    envelopes = [entry_from_row(row).envelope() for row in Entry.objects.order_by("apply_order")]

    def documents():
        catch_up()
        return sorted(SearchDocument.objects.values_list(
            "net", "kind", "object_id", "commons_id", "member_id", "title", "body", "ts"))

    reference = documents()
    assert ("commons", world.commons.id) in [(row[1], row[2]) for row in reference]
    assert found(net, "heddle") == []
    assert_same_in_any_order(envelopes, examples=6, observe=documents)
