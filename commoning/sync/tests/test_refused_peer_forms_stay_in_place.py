"""A refused form of the peers page (add, pair, import a bundle, remove) comes back on the peers
page with the input kept and the message beside the field, with a 400, and changes nothing."""

import io

import pytest
from django.test import Client

from commoning.accounts.operators import grant
from commoning.front.tests.in_place import RefusedForm
from commoning.sync.models import Peer
from commoning.testing import PASSWORD


@pytest.fixture
def operator(alice):
    grant("alice")
    client = Client()
    assert client.login(username="alice", password=PASSWORD)
    return client


def test_a_peer_address_that_is_not_http_is_kept_beside_its_message(operator, net):
    response = operator.post("/peers/", {"url": "file:///etc/passwd"})
    assert response.status_code == 400
    form = RefusedForm(response.content.decode(), "/peers/")
    assert form.fields_with_errors() == {"url"}
    assert form.values["url"] == "file:///etc/passwd"


def test_a_pairing_without_a_code_keeps_the_address(operator, net):
    response = operator.post("/peers/pair/", {"url": "http://valley.test", "code": ""})
    assert response.status_code == 400
    form = RefusedForm(response.content.decode(), "/peers/pair/")
    assert form.fields_with_errors() == {"code"}
    assert form.values["url"] == "http://valley.test"


def test_a_junk_bundle_is_refused_beside_the_file_field(operator, net):
    junk = io.BytesIO(b"not a bundle")
    junk.name = "junk.bundle"
    response = operator.post("/peers/bundle/import/", {"bundle": junk})
    assert response.status_code == 400
    form = RefusedForm(response.content.decode(), "/peers/bundle/import/")
    assert form.fields_with_errors() == {"bundle"}
    assert "nothing was imported" in " ".join(form.errors_beside("bundle"))


def test_removing_a_peer_without_the_tick_keeps_it(operator, net):
    peer = Peer.objects.create(net=net, url="http://valley.test:8000")
    action = f"/peers/{peer.id}/remove/"
    response = operator.post(action)
    assert response.status_code == 400
    assert RefusedForm(response.content.decode(), action).fields_with_errors() == {"confirm"}
    assert Peer.objects.filter(id=peer.id).exists()
