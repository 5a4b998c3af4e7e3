"""Bad input through the commons forms gets a 4xx with a clear message and changes nothing."""

import pytest

from commoning.accounts.models import SecurityEvent
from commoning.commons.access import history_of
from commoning.commons.actions import create_commons
from commoning.commons.models import Commons
from commoning.front.tests.state import shared_state

GOOD = {"name": "Hand Loom", "licence": "CERN-OHL-S-2.0", "description": "Plywood."}
MEGABYTE = "x" * (1024 * 1024)


@pytest.fixture
def alices_commons(alice):
    return create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0", description="Hi")


def test_a_good_form_creates_a_commons_and_redirects_to_it(client, alice):
    client.force_login(alice)
    response = client.post("/commons/new/", GOOD)
    commons = Commons.objects.get(name="Hand Loom")
    assert response.status_code == 303
    assert response["Location"] == f"/commons/{commons.id}/"


@pytest.mark.parametrize(
    ("form", "says"),
    [
        ({**GOOD, "name": "Loom\x00"}, "Null characters are not allowed"),
        ({**GOOD, "description": "a\x00b"}, "Null characters are not allowed"),
        ({**GOOD, "name": MEGABYTE}, "at most 120 characters"),
        ({**GOOD, "description": MEGABYTE}, "at most 20000 characters"),
        ({**GOOD, "name": ""}, "This field is required"),
        ({"licence": "MIT"}, "This field is required"),
        ({"name": "Loom"}, "This field is required"),
        ({**GOOD, "licence": "Foo-1.0"}, "is not an SPDX licence identifier"),
        ({**GOOD, "licence": "MIT AND ("}, "is not an SPDX licence identifier"),
        ({**GOOD, "name": "bell\x07"}, "must not contain control characters"),
    ],
)
def test_bad_input_to_the_new_commons_form_is_a_400(client, alice, form, says):
    client.force_login(alice)
    before = shared_state()
    response = client.post("/commons/new/", form)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'role="alert"' in body
    assert says.replace("'", "&#x27;") in body, body[:2000]
    assert len(body) < 1_100_000  # the input is shown back once, to be fixed, never twice
    assert shared_state() == before


@pytest.mark.parametrize(
    "form",
    [
        {**GOOD, "name": "x" * 121},
        {**GOOD, "licence": "Foo-1.0"},
        {**GOOD, "description": "\x00"},
        {**GOOD, "name": ""},
    ],
)
def test_bad_input_to_the_edit_form_is_a_400(client, alice, alices_commons, form):
    client.force_login(alice)
    before = shared_state()
    response = client.post(f"/commons/{alices_commons.id}/edit/", form)
    assert response.status_code == 400
    assert shared_state() == before


def test_saving_the_edit_form_unchanged_writes_no_entry(client, alice, alices_commons):
    client.force_login(alice)
    before = shared_state()
    unchanged = {"name": "Seed Press", "licence": "CC-BY-SA-4.0", "description": "Hi"}
    response = client.post(f"/commons/{alices_commons.id}/edit/", unchanged)
    assert response.status_code == 303
    assert shared_state() == before


def test_an_edit_writes_only_what_changed(client, alice, alices_commons):
    client.force_login(alice)
    client.post(
        f"/commons/{alices_commons.id}/edit/",
        {"name": "Seed Press II", "licence": "CC-BY-SA-4.0", "description": "Hi"},
    )
    alices_commons.refresh_from_db()
    assert alices_commons.name == "Seed Press II"
    update = history_of(alices_commons).first()
    assert update.type == "commons.update"
    assert b'"licence"' not in bytes(update.payload)
    assert update.att_hash is None


class TestEveEditsAlicesCommons:
    def test_the_edit_page_is_a_403(self, client, eve, alices_commons):
        client.force_login(eve)
        response = client.get(f"/commons/{alices_commons.id}/edit/")
        assert response.status_code == 403
        assert b"founder" in response.content

    def test_posting_the_form_is_a_403_that_changes_nothing(self, client, eve, alices_commons):
        client.force_login(eve)
        before = shared_state()
        response = client.post(f"/commons/{alices_commons.id}/edit/", {**GOOD, "name": "Eve's"})
        assert response.status_code == 403
        assert shared_state() == before

    def test_each_attempt_lands_in_the_security_log(self, client, eve, alices_commons):
        client.force_login(eve)
        client.get(f"/commons/{alices_commons.id}/edit/")
        client.post(f"/commons/{alices_commons.id}/edit/", GOOD)
        events = SecurityEvent.objects.filter(kind="access:commons:denied")
        # Repeated refusals of one subject share a row per minute, with a count.
        assert sum(event.count for event in events) == 2
        assert {event.username for event in events} == {"eve"}
        assert {event.detail for event in events} == {alices_commons.id}


class TestVisitors:
    def test_writes_redirect_to_login_and_change_nothing(self, client, alices_commons):
        before = shared_state()
        for url in ["/commons/new/", f"/commons/{alices_commons.id}/edit/"]:
            response = client.post(url, GOOD)
            assert response.status_code == 302
            assert response["Location"].startswith("/login/?next=")
        assert shared_state() == before


@pytest.mark.parametrize("commons_id", ["0" * 64, "nope", "A" * 64, "x" * 3000])
def test_editing_unknown_or_malformed_ids_is_a_404(client, alice, commons_id):
    client.force_login(alice)
    before = shared_state()
    assert client.post(f"/commons/{commons_id}/edit/", GOOD).status_code == 404
    assert shared_state() == before
