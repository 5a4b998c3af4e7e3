"""The marketplace narrows by side, kind, category, place and currency (page and API), walks
its pages by keys with the filters kept, costs the same however deep, and refuses a forged link
with a 400."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from commoning.accounts.actions import create_api_token
from commoning.front.pagination import PAGE_SIZE
from commoning.market.actions import create_listing

from .helpers import local_currency


def titles_on(response) -> list[str]:
    pattern = r'class="title" href="/market/[0-9a-f]+/">([^<]+)<'
    return re.findall(pattern, response.content.decode())


def older_link(response) -> str | None:
    found = re.search(r'<a href="(\?after=[^"]+)">Older</a>', response.content.decode())
    return found.group(1).replace("&amp;", "&") if found else None


def test_it_filters_by_category_kind_side_place_and_currency(client, alice, bob):
    currency_id = local_currency(alice.account.net, alice)
    create_listing(bob, side="offer", kind="service", title="Small-engine repair",
                   category="repair", place="Lower Valley", currency=currency_id,
                   amount_minor=3_000)
    create_listing(bob, side="offer", kind="goods", title="Bean seeds", category="food",
                   place="Upper Valley")
    create_listing(alice, side="want", kind="skill", title="A welder for a trailer",
                   category="repair", place="Upper Valley")
    assert titles_on(client.get("/market/?category=repair")) == [
        "A welder for a trailer", "Small-engine repair"]
    assert titles_on(client.get("/market/?category=repair&side=offer")) == ["Small-engine repair"]
    assert titles_on(client.get("/market/?kind=goods")) == ["Bean seeds"]
    assert titles_on(client.get("/market/?place=upper")) == ["A welder for a trailer",
                                                            "Bean seeds"]
    assert titles_on(client.get(f"/market/?currency={currency_id}")) == ["Small-engine repair"]
    assert titles_on(client.get("/market/?currency=gift")) == ["A welder for a trailer",
                                                              "Bean seeds"]
    # An unknown filter value is dropped, never an error.
    assert len(titles_on(client.get("/market/?category=weapons&side=x"))) == 3
    _token, token = create_api_token(alice, "test")
    api = client.get("/api/market/listings?category=repair&place=lower",
                     headers={"Authorization": f"Bearer {token}"}).json()
    assert [item["title"] for item in api["items"]] == ["Small-engine repair"]
    assert api["items"][0]["price_minor"] == 3_000


def test_it_walks_every_page_once_with_the_filter_kept(client, bob):
    for number in range(PAGE_SIZE + 3):
        create_listing(bob, side="offer", kind="goods", title=f"Seeds {number:02}",
                       category="food", place="Valley")
        create_listing(bob, side="offer", kind="goods", title=f"Tool {number:02}",
                       category="tools", place="Valley")
    first = client.get("/market/?category=food")
    link = older_link(first)
    assert "category=food" in link
    with CaptureQueriesContext(connection) as first_queries:
        client.get("/market/?category=food")
    with CaptureQueriesContext(connection) as deeper_queries:
        second = client.get("/market/" + link)
    seen = titles_on(first) + titles_on(second)
    assert seen == [f"Seeds {n:02}" for n in reversed(range(PAGE_SIZE + 3))]
    assert len(deeper_queries.captured_queries) == len(first_queries.captured_queries)
    assert not any("COUNT(" in query["sql"] for query in first_queries.captured_queries)


def test_it_refuses_a_forged_link(client, bob):
    create_listing(bob, side="offer", kind="goods", title="Seeds", category="food")
    assert client.get("/market/?after=forged").status_code == 400
    assert client.get("/api/market/listings?cursor=forged").status_code == 400
