"""A refused commons form (start or edit) comes back with the input kept and the message beside
the field it concerns, with a 4xx, and nothing written."""

import pytest

from commoning.commons.actions import create_commons
from commoning.front.tests.in_place import RefusedForm
from commoning.log.models import Entry


@pytest.fixture
def alices_commons(alice):
    return create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0", description="Hi")


def test_a_licence_that_is_not_spdx_is_refused_beside_the_licence(client, alice):
    client.force_login(alice)
    before = Entry.objects.count()
    response = client.post(
        "/commons/new/", {"name": "Hand Loom", "licence": "my own", "description": "Looms"}
    )
    assert response.status_code == 400
    form = RefusedForm(response.content.decode())
    assert form.fields_with_errors() == {"licence"}
    assert (form.values["name"], form.values["licence"]) == ("Hand Loom", "my own")
    assert form.values["description"] == "Looms"
    assert Entry.objects.count() == before


def test_an_emptied_name_in_the_edit_form_keeps_the_other_fields(client, alice, alices_commons):
    client.force_login(alice)
    response = client.post(
        f"/commons/{alices_commons.id}/edit/",
        {"name": "", "licence": "CC-BY-SA-4.0", "description": "Changed"},
    )
    assert response.status_code == 400
    form = RefusedForm(response.content.decode())
    assert form.fields_with_errors() == {"name"}
    assert form.values["description"] == "Changed"
