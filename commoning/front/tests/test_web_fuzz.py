"""A seeded fuzz loop over the web forms: odd input is refused with a 4xx, never a 500."""

import random

import pytest

from commoning.commons.actions import create_commons
from commoning.testing import PASSWORD

ODD_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202e",
    "é" * 300,
    "x" * 30_000,
    "💥",
    "<script>",
    "MIT OR",
    "CC-BY-SA-4.0",
    "%00",
    "../../etc",
    "\r\n",
    "\t",
    "1" * 40,
    "-1",
    "None",
]
FIELDS = ["name", "licence", "description", "bio", "username", "password", "display_name", "next"]


@pytest.fixture
def alices_commons(alice):
    return create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0")


def test_odd_form_posts_never_get_a_500(client, alice, eve, alices_commons):
    chooser = random.Random(20261122)
    urls = [
        "/commons/new/",
        f"/commons/{alices_commons.id}/edit/",
        "/profile/",
        "/tokens/",
        "/tokens/1/revoke/",
        "/tokens/99999999999999999999/revoke/",
        "/signup/",
        "/login/",
    ]
    for round_number in range(120):
        client.logout()
        who = chooser.choice([None, alice, eve])
        if who is not None:
            client.force_login(who)
        url = chooser.choice(urls)
        form = {
            field: chooser.choice(ODD_VALUES)
            for field in chooser.sample(FIELDS, chooser.randint(0, 5))
        }
        response = client.post(url, form)
        assert response.status_code < 500, (round_number, url, form, response.status_code)


def test_odd_query_strings_never_get_a_500(client, alice, alices_commons):
    chooser = random.Random(7)
    pages = ["/", "/commons/", "/members/", "/log/", "/login/", f"/commons/{alices_commons.id}/"]
    for _ in range(60):
        query = "&".join(
            f"{key}={chooser.choice(['', '%00', '1', '-5', 'x' * 2000, '%ff%fe', '💥'])}"
            for key in chooser.sample(["q", "page", "type", "next", "limit"], 3)
        )
        url = f"{chooser.choice(pages)}?{query}"
        assert client.get(url).status_code < 500, url


def test_a_login_with_an_odd_next_stays_on_this_site(client, alice):
    for target in ["https://elsewhere.example/", "//elsewhere.example", "javascript:alert(1)"]:
        response = client.post(
            "/login/", {"username": "alice", "password": PASSWORD, "next": target}
        )
        assert response.status_code == 302
        assert response["Location"] == "/"
        client.logout()
