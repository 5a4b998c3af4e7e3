"""A query is bounded in length and words, refused with a clear 400 and the message beside the
box; no character in a query can raise (FTS5 syntax never reaches the engine)."""

import contextlib

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commoning.search.query import QUERY_MAX_CHARS, QUERY_MAX_WORDS, QueryRefused, search, words_of
from commoning.search.tests.kit import found, small_world

NASTY = ['"', '""', "'", "*", "loom*", "NEAR(loom plywood)", "loom OR plywood", "-loom", "^loom",
         "title:loom", "(", ")", "{loom}", "\\", "%", "_", "\u0000", "😀", "\ue000loom\ue001",
         "AND", "NOT loom", "loom:*", "!loom", "loom & plywood", "<script>"]


def test_a_too_long_query_is_refused_beside_the_box_with_the_input_kept(client, net, alice):
    query = "loom " * (QUERY_MAX_CHARS // 5 + 1)
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="search-q-error"' in page and "at most 200 characters" in page
    assert 'aria-invalid="true"' in page and query.strip() in page


def test_too_many_words_are_refused(client, net, alice):
    query = " ".join(f"w{number}" for number in range(QUERY_MAX_WORDS + 1))
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 400
    assert "at most 12 words" in response.content.decode()
    api = client.get("/api/search", {"q": query})
    assert api.status_code == 400 and api.json()["code"] == "bad_request"


def test_a_query_of_punctuation_alone_is_refused_not_a_crash(client, net, alice):
    with pytest.raises(QueryRefused):
        words_of('"*()')
    assert client.get(reverse("search"), {"q": '"*()'}).status_code == 400


def test_special_characters_never_raise(client, net, alice, bob):
    small_world(alice, bob)
    for query in NASTY:
        response = client.get(reverse("search"), {"q": query})
        assert response.status_code in (200, 400), query
        assert client.get("/api/search", {"q": query}).status_code in (200, 400), query


def test_operators_are_searched_as_words_not_obeyed(net, alice, bob):
    world = small_world(alice, bob)
    assert found(net, "loom OR treadles") == []  # three words, all required
    assert found(net, "(plywood)") == [("commons", world.commons.id)]
    assert found(net, "NEAR(plywood)") == []  # "near" is a word the commons lacks
    assert found(net, "title:loom") == []  # "title" is a word to find, not a column


@settings(max_examples=15, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_any_text_either_searches_or_is_refused(net, query):
    with contextlib.suppress(QueryRefused):
        search(net, query)
