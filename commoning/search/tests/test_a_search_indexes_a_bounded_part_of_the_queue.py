"""A search after a big sync answers in bounded time: it indexes at most a few chunks of the
queue, and the searches that follow index the rest."""

from commoning.commons.actions import create_commons
from commoning.search import index, query
from commoning.search.models import SearchPending
from commoning.search.tests.kit import found


def test_each_search_indexes_a_bounded_part_and_the_rest_follows(net, alice, monkeypatch):
    found(net, "anything")  # index what the fixtures queued
    for name in ("Oak Nursery", "Oak Sawmill", "Oak Barrel"):
        create_commons(alice, name=name, licence="MIT")
    monkeypatch.setattr(index, "CHUNK", 1)
    monkeypatch.setattr(query, "SEARCH_ROUNDS", 1)
    queued = SearchPending.objects.count()
    assert queued >= 3
    assert len(found(net, "oak")) == 1
    assert SearchPending.objects.count() == queued - 1
    for _ in range(queued):
        found(net, "oak")
    assert len(found(net, "oak")) == 3
    assert not SearchPending.objects.exists()
