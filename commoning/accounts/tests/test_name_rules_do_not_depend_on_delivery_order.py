"""Renames and identities, refused deceptive names among them, give the same state in any
order of delivery: the name rule looks at the entry alone, and the last writer wins by
(ts, author, id), never by arrival."""

import itertools

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commoning.accounts.actions import update_profile
from commoning.accounts.models import Member
from commoning.log.ingest import ingest_envelopes
from commoning.log.projection import state_hash
from commoning.log.tests.kit import exported_envelopes, wipe_node
from commoning.testing import HostileNode


def build_renames(net, alice, bob, eve):
    update_profile(alice, name="Alice A.")
    update_profile(bob, name="Bob the builder")
    update_profile(alice, name="Alice")
    mallory = HostileNode.of(eve)
    assert not mallory.write("accounts.profile", {"name": "\u202eecilA"}).applied
    assert mallory.write("accounts.profile", {"name": "Alice"}).applied  # allowed: a warning
    assert not mallory.write("accounts.profile", {"name": "Al\u200bice"}).applied
    stranger = HostileNode.newcomer(net)
    assert not stranger.identity("B\u2066ob").applied
    elsewhere = HostileNode.newcomer(net)
    assert elsewhere.identity("Bob").applied
    return exported_envelopes()


def test_any_delivery_order_gives_the_same_names(net, alice, bob, eve):
    envelopes = build_renames(net, alice, bob, eve)
    reference = state_hash()
    names = sorted(Member.objects.values_list("name", flat=True))
    count = len(envelopes)

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        order=st.permutations(range(count)),
        cuts=st.lists(st.integers(min_value=1, max_value=count - 1), max_size=3),
    )
    def delivered_in(order, cuts):
        delivery = [envelopes[index] for index in order]
        bounds = [0, *sorted(set(cuts)), len(delivery)]
        with transaction.atomic():
            wipe_node()
            for start, end in itertools.pairwise(bounds):
                ingest_envelopes(delivery[start:end])
            assert state_hash() == reference
            assert sorted(Member.objects.values_list("name", flat=True)) == names
            transaction.set_rollback(True)

    delivered_in()
