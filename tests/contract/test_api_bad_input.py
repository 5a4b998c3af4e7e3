"""Bad input to the API gets a 4xx with a clear JSON message and changes nothing; never a 500."""

import json
import random

import pytest
from django.db.models import Sum

from commoning.accounts.models import SecurityEvent
from commoning.front.tests.state import shared_state

from .helpers import assert_json_error, bearer

MEGABYTE = "x" * (1024 * 1024)
GOOD = {"name": "Hand Loom", "licence": "CERN-OHL-S-2.0", "description": "Plywood."}


def post_json(client, url, payload, token, method="post"):
    body = payload if isinstance(payload, (str, bytes)) else json.dumps(payload)
    return getattr(client, method)(
        url, body, content_type="application/json", headers=bearer(token)
    )


@pytest.mark.parametrize(
    ("payload", "field", "says"),
    [
        ({**GOOD, "name": "Loom\x00"}, "name", "NUL"),
        ({**GOOD, "description": "a\x00b"}, "description", "NUL"),
        ({**GOOD, "name": MEGABYTE}, "name", "at most 120"),
        ({**GOOD, "description": MEGABYTE}, "description", "at most 20000"),
        ({**GOOD, "name": 42}, "name", "string"),
        ({**GOOD, "name": None}, "name", "string"),
        ({**GOOD, "licence": ["MIT"]}, "licence", "string"),
        ({**GOOD, "licence": {"id": "MIT"}}, "licence", "string"),
        ({**GOOD, "description": 3.5}, "description", "string"),
        ({"licence": "MIT"}, "name", "required"),
        ({"name": "Loom"}, "licence", "required"),
        ({**GOOD, "licence": "Foo-1.0"}, "licence", "SPDX"),
        ({**GOOD, "licence": ""}, "licence", "SPDX"),
        ({**GOOD, "name": "   "}, "name", "empty"),
        ({**GOOD, "name": "two\nlines"}, "name", "control"),
        ({**GOOD, "name": "bell\x07"}, "name", "control"),
    ],
)
def test_bad_commons_input_is_a_422_naming_the_field(client, alice_token, payload, field, says):
    before = shared_state()
    body = assert_json_error(
        post_json(client, "/api/commons", payload, alice_token), 422, "invalid"
    )
    assert body["field"] == field, body
    assert says.lower() in body["message"].lower(), body
    assert len(body["message"]) < 500  # never the megabyte echoed back
    assert shared_state() == before


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "{",
        "not json",
        "[]",
        "null",
        "42",
        '"a string"',
        b"\xff\xfe",
        '{"name": "a", "name": ',
        "[" * 100_000,  # deep enough to exhaust a recursive parser
        '{"name": ' + "[" * 50_000 + "]" * 50_000 + "}",
    ],
    ids=lambda raw: repr(raw[:12]),
)
def test_a_body_that_is_not_a_json_object_is_a_4xx(client, alice_token, raw):
    before = shared_state()
    response = post_json(client, "/api/commons", raw, alice_token)
    assert response.status_code in {400, 422}
    assert_json_error(response, response.status_code)
    assert shared_state() == before


def test_a_body_sent_as_a_form_is_a_4xx(client, alice_token):
    response = client.post("/api/commons", GOOD, headers=bearer(alice_token))
    assert response.status_code in {400, 415, 422}
    assert_json_error(response, response.status_code)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "x" * 121}, "name"),
        ({"name": 7}, "name"),
        ({"licence": "Foo-1.0"}, "licence"),
        ({"licence": ["MIT"]}, "licence"),
        ({"description": "\x00"}, "description"),
    ],
)
def test_bad_updates_are_a_422_and_change_nothing(
    client, alices_commons, alice_token, payload, field
):
    before = shared_state()
    url = f"/api/commons/{alices_commons.id}"
    body = assert_json_error(post_json(client, url, payload, alice_token, "patch"), 422, "invalid")
    assert body["field"] == field
    assert shared_state() == before


@pytest.mark.parametrize(
    "commons_id", ["0" * 64, "nope", "A" * 64, "g" * 64, "0" * 65, "%20", "..%2f..", "x" * 3000]
)
def test_unknown_and_malformed_commons_ids_are_404(client, db, alice_token, commons_id):
    before = shared_state()
    assert_json_error(client.get(f"/api/commons/{commons_id}"), 404, "not_found")
    response = post_json(client, f"/api/commons/{commons_id}", {"name": "x"}, alice_token, "patch")
    assert_json_error(response, 404, "not_found")
    assert shared_state() == before


@pytest.mark.parametrize(
    "url",
    [
        "/api/members/nope",
        "/api/members/" + "0" * 64,
        "/api/log/entries/nope",
        "/api/log/entries/" + "0" * 64,
    ],
)
def test_unknown_members_and_entries_are_404(client, alice, url):
    assert_json_error(client.get(url), 404, "not_found")


def test_a_nul_in_the_url_is_a_400(client, alice, alice_token):
    for url in [
        "/api/commons/%00",
        "/api/commons?q=%00",
        "/api/log/entries?type=%00",
        "/api/members/%00",
        "/api/log/entries/%00",
    ]:
        assert_json_error(client.get(url), 400, "bad_request")


def test_eve_cannot_edit_alices_commons(client, alices_commons, eve_token):
    before = shared_state()
    url = f"/api/commons/{alices_commons.id}"
    for payload in [{"name": "Eve's now"}, {"licence": "MIT"}, {"description": "mine"}, {}]:
        body = assert_json_error(post_json(client, url, payload, eve_token, "patch"), 403)
        assert "founder" in body["message"]
    assert shared_state() == before
    # Repeated refusals share a row per minute and subject, with a count.
    denied = SecurityEvent.objects.filter(kind="api:access:denied")
    assert denied.aggregate(total=Sum("count"))["total"] == 4


def test_profile_bad_input_is_a_422(client, alice_token):
    before = shared_state()
    for payload in [{"name": ""}, {"name": 5}, {"name": "x" * 101}, {"bio": "\x00"}]:
        assert_json_error(post_json(client, "/api/me/profile", payload, alice_token), 422)
    assert_json_error(post_json(client, "/api/me/profile", {}, alice_token), 400)
    assert shared_state() == before


def test_unknown_methods_are_405_json(client, alice_token):
    response = client.delete("/api/commons", headers=bearer(alice_token))
    assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


ODD_VALUES = [
    None,
    True,
    0,
    -1,
    2**64,
    1.5,
    "",
    " ",
    "\x00",
    "\u202e",
    "é" * 200,
    "x" * 70_000,
    [],
    ["MIT"],
    {},
    {"$ref": "#"},
    "MIT OR",
    "(",
    "MIT AND (",
    "💥",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]
FIELDS = ["name", "licence", "description", "bio", "commons", "unknown"]


def test_a_fuzz_loop_over_the_api_never_gets_a_500(client, alices_commons, alice_token, eve_token):
    """Odd payloads and paths, seeded so a failure can be replayed."""
    chooser = random.Random(20261122)
    endpoints = [
        ("post", "/api/commons"),
        ("patch", f"/api/commons/{alices_commons.id}"),
        ("patch", "/api/commons/" + "0" * 64),
        ("post", "/api/me/profile"),
        ("get", "/api/commons"),
        ("get", "/api/members"),
        ("get", "/api/log/entries"),
    ]
    for _ in range(150):
        method, url = chooser.choice(endpoints)
        token = chooser.choice([alice_token, eve_token, "bogus"])
        payload = {
            field: chooser.choice(ODD_VALUES)
            for field in chooser.sample(FIELDS, chooser.randint(0, 3))
        }
        if method == "get":
            query = "&".join(
                f"{key}={value}"
                for key, value in [
                    ("limit", chooser.choice(["", "0", "5", "-3", "abc", "1e3", str(2**70)])),
                    ("offset", chooser.choice(["", "0", "99999", "-1", "x"])),
                    ("q", chooser.choice(["", "seed", "%25", "'; drop table", "é"])),
                ]
            )
            response = client.get(f"{url}?{query}", headers=bearer(token))
        else:
            response = post_json(client, url, payload, token, method)
        assert response.status_code < 500, (method, url, payload, response.content[:300])
        if response.status_code >= 400:
            assert_json_error(response, response.status_code)


def test_unknown_api_addresses_are_404_json(client, db):
    for url in ["/api/nowhere", "/api/commons/a/b/c", "/api/"]:
        assert_json_error(client.get(url), 404, "not_found")


def test_a_server_fault_under_the_api_is_json_too(rf, db):
    from commoning.front.errors import server_error

    response = server_error(rf.get("/api/commons"))
    assert response.status_code == 500
    assert json.loads(response.content) == {
        "code": "server_error",
        "message": "Something broke on this node.",
    }
