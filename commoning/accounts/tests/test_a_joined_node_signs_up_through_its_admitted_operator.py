"""A node that joined a network holds no founder key: it signs people up only once a member
admitted its operator key, and says so beside the form until then."""

from django.contrib.auth import get_user_model

from commoning.accounts.access import signing_key_for
from commoning.accounts.admitting import operator_key
from commoning.accounts.models import CustodialKey, Member
from commoning.front.tests.state import shared_state
from commoning.log.append import append
from commoning.log.models import Entry as EntryRow
from commoning.log.models import Network

FORM = {"username": "zoe", "display_name": "Zoe", "password": "a-long-enough-passphrase"}


def joined(net) -> None:
    """Forget the founder's key, as a node that joined the network never held it."""
    CustodialKey.objects.filter(public_key=Network.objects.get(id=net).founder_key).delete()


def test_it_refuses_a_sign_up_before_its_operator_is_admitted(client, net, alice):
    joined(net)
    key = operator_key().public_hex
    before = shared_state()
    response = client.post("/signup/", FORM)
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    assert key.encode() in response.content  # the key a member must admit
    assert b'value="zoe"' in response.content  # the input is kept
    assert shared_state() == before
    assert not get_user_model().objects.filter(username="zoe").exists()


def test_it_signs_up_once_a_member_admitted_its_operator(client, net, alice):
    joined(net)
    operator = operator_key().public_hex
    _, alice_key = signing_key_for(alice)
    append(alice_key, net=net, type="accounts.admit", data={"key": operator})
    response = client.post("/signup/", FORM)
    assert response.status_code == 302
    zoe = EntryRow.objects.get(id=Member.objects.get(name="Zoe").id)
    operator_identity = EntryRow.objects.get(author=operator, seq=1)
    assert operator_identity.type == "accounts.identity" and operator_identity.status == "applied"
    admission = EntryRow.objects.get(type="accounts.admit", author=operator)
    assert admission.id in zoe.deps
