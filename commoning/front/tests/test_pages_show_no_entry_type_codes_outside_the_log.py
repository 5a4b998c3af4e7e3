"""Pages speak to members: a raw entry type code (`work.validation`, any name in the registry)
appears on no demo page but the public log's, where it stands beside its plain label (issue 12).

Every demo page is visited by following links from the start, logged out and logged in.
"""

import re

import pytest

from commoning.demo import DEMO_PASSWORD, seed_demo
from commoning.front.tests.demo_pages import (
    PUBLIC_LOG,
    START_LOGGED_IN,
    START_LOGGED_OUT,
    raw_entry_type_codes,
    walk,
)
from commoning.log.registry import ENTRY_TYPES


@pytest.fixture
def demo(db):
    assert seed_demo(progress=lambda message: None) is True


def fetcher(client):
    def fetch(path):
        answer = client.get(path)
        if answer.status_code in (301, 302, 303):
            return answer.status_code, f'<a href="{answer["Location"]}"></a>'
        assert answer.status_code < 500, path
        return answer.status_code, answer.content.decode()

    return fetch


def codes_outside_the_log(pages) -> dict:
    return {
        path: codes
        for path, html in pages.items()
        if not path.startswith(PUBLIC_LOG)
        and (codes := raw_entry_type_codes(html, ENTRY_TYPES))
    }


@pytest.mark.parametrize("logged_in", [False, True], ids=["logged-out", "logged-in"])
def test_it_shows_no_entry_type_code_outside_the_public_log(demo, client, logged_in):
    start = START_LOGGED_OUT
    if logged_in:
        assert client.login(username="alice", password=DEMO_PASSWORD)
        start = START_LOGGED_IN
    pages = walk(fetcher(client), start, per_shape=3)
    shapes = {path.split("?")[0].rstrip("/").split("/")[1] for path in pages if path != "/"}
    # The walk reaches the whole demo, or it proves nothing.
    assert {"commons", "members", "log", "work"} <= shapes, sorted(pages)
    if logged_in:
        assert {"profile", "tokens", "peers", "security"} <= shapes, sorted(pages)
    assert codes_outside_the_log(pages) == {}


def test_it_finds_a_code_that_a_page_lets_slip(demo, client):
    # The check itself can fail: a page printing a type code is caught.
    pages = walk(fetcher(client), ("/",), per_shape=1, limit=1)
    pages["/commons/"] = pages["/"] + "<p>work.validation</p>"
    assert codes_outside_the_log(pages) == {"/commons/": {"work.validation"}}


def test_the_public_log_names_each_entry_beside_its_code_and_links_what_it_changed(
    demo, client
):
    log_page = client.get("/log/?type=work.validation").content.decode()
    assert "judged a contribution" in log_page
    assert "<code>work.validation</code>" in log_page
    changed_link = re.search(r'href="(/log/[0-9a-f]{64}/changed/)"', log_page).group(1)
    changed = client.get(changed_link)
    assert changed.status_code == 302
    assert changed["Location"].startswith("/work/contributions/")
    assert client.get(changed["Location"]).status_code == 200
