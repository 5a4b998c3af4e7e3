"""/api/log/entries and the /log/ page walk the log newest first by an opaque cursor: every
entry once, in apply order, filters kept, and a cursor the node did not make is a 400."""

import pytest

from commoning.log.models import Entry
from commoning.log.paging import Cursor
from commoning.log.tests.rows import AUTHORS, stored_rows

API = "/api/log/entries"


def walk_api(client, query: str = "", limit: int = 7) -> list[str]:
    seen, cursor = [], ""
    for _ in range(1000):
        body = client.get(f"{API}?limit={limit}&cursor={cursor}{query}").json()
        assert set(body) == {"items", "next"}
        assert len(body["items"]) <= limit
        seen += [item["id"] for item in body["items"]]
        if body["next"] is None:
            return seen
        cursor = body["next"]
    raise AssertionError("the cursor never ended")


def newest_first(**filters) -> list[str]:
    rows = Entry.objects.filter(**filters).order_by("-apply_order")
    return list(rows.values_list("id", flat=True))


def test_the_api_walks_every_entry_once_newest_first(client, net):
    stored_rows(net, 40)
    assert walk_api(client) == newest_first(net=net)


def test_the_api_keeps_its_type_and_author_filters_from_page_to_page(client, net):
    stored_rows(net, 40)
    validations = newest_first(net=net, type="work.validation")
    assert walk_api(client, "&type=work.validation") == validations
    assert walk_api(client, f"&author={AUTHORS[1]}") == newest_first(net=net, author=AUTHORS[1])
    both = walk_api(client, f"&author={AUTHORS[0]}&type=work.contribution", limit=3)
    assert both == newest_first(net=net, author=AUTHORS[0], type="work.contribution")


def test_the_api_sends_at_most_100_entries_a_page(client, net):
    stored_rows(net, 130)
    body = client.get(f"{API}?limit=1000").json()
    assert len(body["items"]) == 100 and body["next"] is not None


@pytest.mark.parametrize("query", ["limit=0", "limit=-1", "limit=abc", f"limit={10**30}"])
def test_a_bad_limit_is_a_422(client, net, query):
    assert client.get(f"{API}?{query}").status_code == 422


@pytest.mark.parametrize("cursor", ["nope", "%%%", "MTIz", Cursor(1, 1).encode() + "A", "x" * 65])
def test_a_cursor_the_node_did_not_make_is_a_400(client, net, cursor):
    stored_rows(net, 3)
    answer = client.get(f"{API}?cursor={cursor}")
    assert answer.status_code in (400, 422)
    assert client.get(f"/log/?before={cursor}").status_code == 400
    assert client.get(f"/log/?after={cursor}").status_code == 400


def test_a_malformed_cursor_is_answered_400_with_a_code(client, net):
    answer = client.get(f"{API}?cursor=nope")
    assert answer.status_code == 400 and answer.json()["code"] == "bad_request"


def _page_ids(response) -> list[str]:
    return [row.id for row in response.context["entries"]]


def test_the_log_page_walks_older_and_back_newer(client, net):
    stored_rows(net, 120)
    expected = newest_first(net=net)
    first = client.get("/log/")
    assert _page_ids(first) == expected[:50] and first.context["newer"] is None
    second = client.get(f"/log/?before={first.context['older']}")
    assert _page_ids(second) == expected[50:100]
    third = client.get(f"/log/?before={second.context['older']}")
    assert _page_ids(third) == expected[100:] and third.context["older"] is None
    back = client.get(f"/log/?after={third.context['newer']}")
    assert _page_ids(back) == expected[50:100]
    newest = client.get(f"/log/?after={back.context['newer']}")
    assert _page_ids(newest) == expected[:50] and newest.context["newer"] is None
    assert "Older" in second.content.decode() and "Newer" in second.content.decode()


def test_the_log_page_keeps_its_type_filter_in_its_links(client, net):
    stored_rows(net, 150)
    first = client.get("/log/?type=work.contribution")
    assert _page_ids(first) == newest_first(net=net, type="work.contribution")[:50]
    older_link = first.content.decode().split('rel="next"')[0].rsplit("<a", 1)[1]
    assert "type=work.contribution" in older_link
    second = client.get(f"/log/?type=work.contribution&before={first.context['older']}")
    assert _page_ids(second) == newest_first(net=net, type="work.contribution")[50:]


def test_an_offset_is_refused_with_a_hint_to_use_the_cursor(client, net):
    answer = client.get(f"{API}?offset=10")
    assert answer.status_code == 400 and "cursor" in answer.json()["message"]
