"""THE property of the log (architecture, section 4): any order of delivery of the same set of
entries gives the same state hash, on SQLite and PostgreSQL alike."""

import itertools

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commoning.accounts.actions import update_profile
from commoning.commons.actions import create_commons, update_commons
from commoning.core.signing import SigningKey
from commoning.log.ingest import ingest_envelopes
from commoning.log.models import Entry as EntryRow
from commoning.log.models import ForkProof
from commoning.log.projection import state_hash
from commoning.log.tests.kit import (
    admitted_identity,
    exported_envelopes,
    ingest,
    key_of,
    next_entry,
    wipe_node,
)
from commoning.testing import HostileNode


def build_history(net, alice, bob, carol, dave, eve):
    """A realistic log, with every outcome the log knows, and its envelopes in some order."""
    seeds = create_commons(alice, name="Seed library", licence="CC-BY-SA-4.0",
                           description="Seeds kept by the valley.")
    shed = create_commons(bob, name="Tool shed", licence="CERN-OHL-S-2.0")
    # The same fields edited again and again by their founders (last writer wins per field).
    update_commons(alice, seeds.id, name="Valley seed library")
    update_commons(bob, shed.id, licence="CERN-OHL-W-2.0", description="Hammers and saws.")
    update_commons(alice, seeds.id, name="Valley seeds", licence="CC0-1.0")
    update_commons(bob, shed.id, name="Shared tool shed")
    update_commons(alice, seeds.id, description="Seeds, and how to keep them.")
    update_profile(alice, name="Alice A.", bio="Gardener.")
    update_profile(bob, bio="Fixes bikes.")
    update_profile(alice, name="Alice")
    # Carol relies on both commons (a cross-feed dependency), then tries to rename Alice's:
    # not the founder, so it is kept as rejected.
    create_commons(carol, name="Seed swap", licence="CC0-1.0")
    intruder = next_entry(key_of(carol), net, "commons.update",
                          {"commons": seeds.id, "name": "Carol's seeds"}, deps=[seeds.id])
    ingest(intruder)
    relying = next_entry(key_of(carol), net, "accounts.profile", {"name": "Carol of the swap"},
                         deps=sorted([seeds.id, shed.id]))
    ingest(relying)
    # Eve forks her key; Dave's last entry relies on one branch. None of it may count.
    eve_key = key_of(eve)
    branch_one = next_entry(eve_key, net, "accounts.profile", {"name": "Eve one"})
    branch_two = next_entry(eve_key, net, "accounts.profile", {"name": "Eve two"})
    after_one = next_entry(eve_key, net, "accounts.profile", {"name": "Eve one+"},
                           after=branch_one)
    dave_relies = next_entry(key_of(dave), net, "commons.create",
                             {"name": "Eve's garden", "licence": "MIT"}, deps=[branch_one.id])
    ingest(branch_one, after_one, dave_relies)
    ingest(branch_two)
    # A newcomer admitted by the founder: delivered before its admission or its profile before
    # its identity, the log holds them aside and takes them when what they need arrives.
    newcomer = SigningKey.generate()
    identity = admitted_identity(newcomer, net, "Newcomer")
    ingest(identity, next_entry(newcomer, net, "accounts.profile", {"name": "N."}, after=identity))
    # An outsider's identity and profile: whatever the order, they never enter the log.
    outsider = HostileNode.outsider(net)
    stranger = outsider.entry("accounts.identity", {"name": "Stranger", "custody": "self"})
    stranger_profile = outsider.entry("accounts.profile", {"name": "S."}, after=stranger)
    assert ingest(stranger, stranger_profile) == {"quarantined": 2}
    assert ForkProof.objects.count() == 1
    assert set(EntryRow.objects.values_list("status", flat=True)) == {"applied", "rejected", "cut"}
    # The losing branch is not stored as an entry; a peer may still send it, so it is in the set.
    return [*exported_envelopes(), branch_two.envelope(), stranger.envelope(),
            stranger_profile.envelope()]


def test_any_delivery_order_gives_the_same_state_hash(net, alice, bob, carol, dave, eve):
    envelopes = build_history(net, alice, bob, carol, dave, eve)
    reference = state_hash()
    count = len(envelopes)
    assert count >= 20

    @settings(max_examples=30, deadline=None, derandomize=False,
              suppress_health_check=[HealthCheck.too_slow])
    @given(
        order=st.permutations(range(count)),
        cuts=st.lists(st.integers(min_value=1, max_value=count - 1), max_size=4),
        repeats=st.lists(st.integers(min_value=0, max_value=count - 1), max_size=3),
    )
    def delivered_in(order, cuts, repeats):
        delivery = [envelopes[index] for index in order] + [envelopes[i] for i in repeats]
        bounds = [0, *sorted(set(cuts)), len(delivery)]
        with transaction.atomic():
            wipe_node()
            for start, end in itertools.pairwise(bounds):
                report = ingest_envelopes(delivery[start:end])
                assert "refused" not in report.counts or report.refusals
            assert state_hash() == reference
            transaction.set_rollback(True)

    delivered_in()


def test_the_reference_order_itself_gives_the_same_state_hash(net, alice, bob, carol, dave, eve):
    # The plain case the property generalises, and a check the wipe leaves nothing behind.
    envelopes = build_history(net, alice, bob, carol, dave, eve)
    reference = state_hash()
    with transaction.atomic():
        wipe_node()
        assert state_hash() != reference
        ingest_envelopes(envelopes)
        assert state_hash() == reference
        transaction.set_rollback(True)
