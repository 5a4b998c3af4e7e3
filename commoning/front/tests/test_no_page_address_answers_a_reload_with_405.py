"""A reload, a bookmark or a back button asks an address with GET. No address of the web pages
answers that with the browser's bare 405: a page shows itself, and an action's address (where a
refused form is shown) sends the browser to the page the action belongs to with a 303."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from commoning.testing import PASSWORD

# Machine endpoints, not pages: the HTTP API and the sync protocol answer programs.
NOT_PAGES = ("api/", "sync/")
# Logging out is a POST whose success redirects, so its address never stays in the address bar.
POST_ONLY_WITHOUT_A_PAGE = {"logout/"}
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _addresses(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(NOT_PAGES):
            continue
        if isinstance(pattern, URLResolver):
            yield from _addresses(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route not in POST_ONLY_WITHOUT_A_PAGE:
            yield route, pattern.callback


def _filled(route: str) -> str:
    # An id that names nothing: a page may answer 404, never 405.
    return "/" + PARAMETER.sub(lambda m: "1" if m.group(1) == "int" else "0" * 64, route)


@pytest.fixture
def member_client(alice):
    client = Client()
    assert client.login(username="alice", password=PASSWORD)
    return client


def test_it_finds_the_action_addresses_it_checks():
    actions = [route for route, view in _addresses(get_resolver().url_patterns)
               if hasattr(view, "page_of_action")]
    assert len(actions) >= 15  # the work, tokens and peers actions


def test_no_page_address_answers_get_with_405(member_client):
    for route, view in _addresses(get_resolver().url_patterns):
        response = member_client.get(_filled(route))
        assert response.status_code != 405, route
        if hasattr(view, "page_of_action"):
            # 404 when the id names nothing whose page it could send the browser to.
            assert response.status_code in (303, 404), route
