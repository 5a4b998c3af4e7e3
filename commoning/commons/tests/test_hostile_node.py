"""Only a commons' founder changes its record, and a record must be well formed: refused by the
shared rule when a hostile node writes the entries directly, as well as by the pages."""

from commoning.commons.actions import create_commons
from commoning.commons.models import Commons
from commoning.log.projection import state_hash
from commoning.testing import HostileNode


def test_a_stranger_renaming_a_commons_through_the_page_gets_a_403(client, alice, eve):
    commons = create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0")
    client.force_login(eve)
    response = client.post(f"/commons/{commons.id}/edit/", {"name": "Eve's Press",
                                                            "licence": "CC-BY-SA-4.0"})
    assert response.status_code == 403
    assert Commons.objects.get(id=commons.id).name == "Seed Press"


def test_a_stranger_renaming_a_commons_directly_is_rejected_by_the_rule(alice, eve):
    commons = create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0")
    before = state_hash()
    written = HostileNode.of(eve).write(
        "commons.update", {"commons": commons.id, "name": "Eve's Press"}, deps=[commons.id]
    )
    assert written.status == "rejected"
    assert "founder" in written.reason
    assert Commons.objects.get(id=commons.id).name == "Seed Press"
    # A rejected entry is kept for its chain, but the shared state beyond its outcome is as it was.
    assert Commons.objects.count() == 1
    assert state_hash() != before  # the rejection itself is recorded as an outcome


def test_an_update_that_hides_the_commons_from_its_deps_is_rejected(alice):
    commons = create_commons(alice, name="Seed Press", licence="CC-BY-SA-4.0")
    written = HostileNode.of(alice).write("commons.update",
                                          {"commons": commons.id, "name": "Renamed"})
    assert written.status == "rejected"
    assert "deps" in written.reason


def test_a_commons_with_a_made_up_licence_is_rejected_by_the_rule(alice):
    written = HostileNode.of(alice).write("commons.create",
                                          {"name": "Pirate Press", "licence": "MY-OWN-1.0"})
    assert written.status == "rejected"
    assert not Commons.objects.filter(id=written.id).exists()


def test_a_genesis_that_claims_a_network_is_refused(alice):
    founder = HostileNode.of(alice)
    # A genesis founds its own network: inside an existing one (net set, seq > 1) it is no
    # genesis at all, whatever its type says.
    written = founder.write("log.genesis", {"name": "Takeover"})
    assert written.status == "rejected"
    assert "genesis" in written.reason
