"""A search reads one page off the full-text index: the same few queries however many objects
match, and a page of `limit` rows however deep the cursor."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from commoning.commons.actions import create_commons
from commoning.search.index import catch_up
from commoning.search.query import search


def queries_of(net, query, **options) -> int:
    catch_up()
    with CaptureQueriesContext(connection) as captured:
        search(net, query, **options)
    return len(captured.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_matches(net, alice):
    for name in ("Grain Mill", "Saw Mill", "Paper Mill"):
        create_commons(alice, name=name, licence="MIT")
    few = queries_of(net, "mill", limit=2)
    for index in range(12):
        create_commons(alice, name=f"Water Mill {index}", licence="MIT")
    assert queries_of(net, "mill", limit=2) == few
    # Title matches fill the page: the text-only group is not even asked.
    assert len(search(net, "mill", limit=2).items) == 2
