"""A refused account form (sign up, log in, profile, token) comes back with the input kept and
the message beside the field it concerns, with a 4xx, and nothing written."""

from django.test import Client

from commoning.front.tests.in_place import RefusedForm
from commoning.log.models import Entry
from commoning.testing import PASSWORD


def test_a_sign_up_with_a_taken_name_keeps_the_rest_and_says_so_beside_the_name(alice):
    before = Entry.objects.count()
    response = Client().post(
        "/signup/", {"username": "alice", "display_name": "Another Alice", "password": PASSWORD}
    )
    assert response.status_code == 400
    form = RefusedForm(response.content.decode())
    assert form.fields_with_errors() == {"username"}
    assert form.values["display_name"] == "Another Alice"
    assert form.values.get("password", "") == ""  # a password is never sent back
    assert Entry.objects.count() == before


def test_a_wrong_password_keeps_the_login_name(alice):
    response = Client().post("/login/", {"username": "alice", "password": "not it at all"})
    assert 400 <= response.status_code < 500
    form = RefusedForm(response.content.decode())
    assert form.values["username"] == "alice"
    assert form.errors_at_top()  # neither field alone is to blame


def test_a_profile_with_an_overlong_name_keeps_the_bio(alice):
    client = Client()
    client.force_login(alice)
    response = client.post("/profile/", {"name": "x" * 101, "bio": "Runs the fab lab."})
    assert response.status_code == 400
    form = RefusedForm(response.content.decode())
    assert form.fields_with_errors() == {"name"}
    assert form.values["bio"] == "Runs the fab lab."


def test_a_token_without_a_name_is_refused_beside_the_name(alice):
    client = Client()
    client.force_login(alice)
    response = client.post("/tokens/", {"name": ""})
    assert response.status_code == 400
    assert RefusedForm(response.content.decode()).fields_with_errors() == {"name"}
