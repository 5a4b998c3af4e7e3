"""An identity counts only when an admitted member (or the founder) admitted its key, through
an `accounts.admit` entry in the identity's deps: as a person signs up, and as a hostile node
writes entries directly."""

from commoning.accounts.admitting import admit_key
from commoning.accounts.models import DeviceKey, Member
from commoning.core.signing import SigningKey
from commoning.log.models import Admission, Network
from commoning.log.models import Entry as EntryRow
from commoning.log.tests.kit import ingest, next_entry, status_of
from commoning.testing import HostileNode


def test_signing_up_admits_the_new_member_with_the_founders_key(client, net):
    response = client.post(
        "/signup/",
        {"username": "zoe", "display_name": "Zoe", "password": "a-long-enough-passphrase"},
    )
    assert response.status_code == 302
    member = Member.objects.get(name="Zoe")
    identity = EntryRow.objects.get(id=member.id)
    admission = Admission.objects.get(net=net, key=identity.author)
    assert admission.admit_id in identity.deps
    founder = Network.objects.get(id=net).founder_key
    assert EntryRow.objects.get(id=admission.admit_id).author == founder


def test_it_keeps_an_identity_without_an_admission_out_of_the_log(net, alice):
    outsider = HostileNode.outsider(net)
    written = outsider.write("accounts.identity", {"name": "Mallory", "custody": "self"})
    assert written.status == "quarantined"
    assert not EntryRow.objects.filter(author=outsider.public_hex).exists()
    assert not DeviceKey.objects.filter(public_key=outsider.public_hex).exists()


def test_it_keeps_out_an_identity_that_lists_someone_elses_admission(net, alice):
    admitted = SigningKey.generate()
    someone_elses = admit_key(net, admitted.public_hex)
    outsider = HostileNode.outsider(net)
    written = outsider.write("accounts.identity", {"name": "Mallory", "custody": "self"},
                             deps=[someone_elses.id])
    assert written.status == "quarantined"
    assert not Member.objects.filter(name="Mallory").exists()


def test_any_member_may_admit_a_key(net, eve):
    newcomer = HostileNode.outsider(net)
    admission = HostileNode.of(eve).write("accounts.admit", {"key": newcomer.public_hex})
    assert admission.applied, admission
    identity = newcomer.write("accounts.identity", {"name": "Nia", "custody": "self"},
                              deps=[admission.id])
    assert identity.applied, identity
    assert Member.objects.filter(id=identity.id, name="Nia").exists()


def test_it_refuses_an_admission_by_an_outsider(net, alice):
    outsider = HostileNode.outsider(net)
    written = outsider.write("accounts.admit", {"key": SigningKey.generate().public_hex})
    assert written.status == "quarantined"
    assert not Admission.objects.exists() or not Admission.objects.filter(
        admit_id=written.id).exists()


def test_it_rejects_an_identity_whose_admission_was_itself_rejected(net, eve):
    """The shared rule, not the node's gate, decides: the admission is in the log (so the
    identity may enter it) but was rejected, so the identity counts for nothing either."""
    newcomer = HostileNode.outsider(net)
    bad_admission = HostileNode.of(eve).write(
        "accounts.admit", {"key": newcomer.public_hex, "note": "let me in"}
    )
    assert bad_admission.status == "rejected"
    identity = newcomer.write("accounts.identity", {"name": "Nia", "custody": "self"},
                              deps=[bad_admission.id])
    assert identity.status == "rejected"
    assert "admission" in identity.reason
    profile = newcomer.write("accounts.profile", {"name": "Nia N."}, after=identity.entry)
    assert profile.status == "rejected"
    assert not Member.objects.filter(name__startswith="Nia").exists()


def test_a_key_cannot_admit_itself(net, eve):
    mallory = HostileNode.of(eve)
    written = mallory.write("accounts.admit", {"key": mallory.public_hex})
    assert written.status == "rejected"
    assert "itself" in written.reason


def test_an_identity_waits_aside_for_an_admission_that_arrives_later(net, alice):
    newcomer = SigningKey.generate()
    # Built here, delivered later: as if written on another node and synced out of order.
    from commoning.accounts.access import signing_key_for

    _, alice_key = signing_key_for(alice)
    admission = next_entry(alice_key, net, "accounts.admit", {"key": newcomer.public_hex})
    identity = next_entry(newcomer, net, "accounts.identity", {"name": "Late", "custody": "self"},
                          deps=[admission.id])
    profile = next_entry(newcomer, net, "accounts.profile", {"name": "Late L."}, after=identity)
    assert ingest(profile, identity) == {"quarantined": 2}
    assert ingest(admission) == {"applied": 1}
    assert status_of(identity) == "applied" and status_of(profile) == "applied"
    assert Member.objects.get(id=identity.id).name == "Late L."
