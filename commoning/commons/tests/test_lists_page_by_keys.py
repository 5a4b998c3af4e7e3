"""The commons and members lists page by keys: "Older" and "Newer" walk every row once each
way, a page costs the same queries however deep, and a forged link is a 400, not a 500."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commoning.commons.actions import create_commons
from commoning.front.pagination import PAGE_SIZE


def names_on(response) -> list[str]:
    pattern = r'class="title" href="/commons/[0-9a-f]+/">([^<]+)<'
    return re.findall(pattern, response.content.decode())


def link(response, label: str) -> str | None:
    found = re.search(r'<a href="(\?[^"]+)">' + label + "</a>", response.content.decode())
    return found.group(1).replace("&amp;", "&") if found else None


@pytest.fixture
def many_commons(alice):
    for number in range(PAGE_SIZE * 2 + 3):
        create_commons(alice, name=f"Commons {number:02}", licence="CC0-1.0")


@pytest.mark.django_db
def test_it_walks_older_and_back_newer(client, many_commons):
    first = client.get("/commons/")
    assert link(first, "Newer") is None
    pages = [names_on(first)]
    response = first
    while link(response, "Older"):
        response = client.get("/commons/" + link(response, "Older"))
        pages.append(names_on(response))
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 3]
    every = [name for page in pages for name in page]
    assert every == [f"Commons {n:02}" for n in reversed(range(PAGE_SIZE * 2 + 3))]
    back = client.get("/commons/" + link(response, "Newer"))
    assert names_on(back) == pages[1]


@pytest.mark.django_db
def test_a_deep_page_costs_what_the_first_does(client, many_commons):
    with CaptureQueriesContext(connection) as first:
        response = client.get("/commons/")
    older = link(response, "Older")
    with CaptureQueriesContext(connection) as deeper:
        client.get("/commons/" + older)
    assert len(deeper.captured_queries) == len(first.captured_queries)
    assert not any("COUNT(" in query["sql"] for query in first.captured_queries)


@pytest.mark.django_db
def test_it_refuses_a_forged_link(client, many_commons):
    for url in ["/commons/?after=abc", "/commons/?before=x:y", "/members/?after=" + "a" * 600]:
        assert client.get(url).status_code == 400, url
