"""The bounded receiver keeps the log's property: the same entries, delivered as sync lines in
any order, in batches of any size and with junk and over-long lines among them, give the same
state hash."""

import itertools

import orjson
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commoning.core import limits
from commoning.core.bundle_format import entry_line
from commoning.log.projection import state_hash
from commoning.log.tests.kit import wipe_node
from commoning.log.tests.test_any_delivery_order_gives_the_same_state import build_history
from commoning.sync.receive import Receiver

JUNK = [b"junk\n", b'{"entry": 1}\n', b'{"att": {"hash": "00"}}\n',
        b'{"entry":"' + b"x" * (limits.MAX_ENTRY_LINE_BYTES + 10) + b'"}\n']


def test_any_order_and_batching_of_sync_lines_gives_the_same_state_hash(
        net, alice, bob, carol, dave, eve):
    lines = [entry_line(orjson.dumps(envelope))
             for envelope in build_history(net, alice, bob, carol, dave, eve)]
    reference = state_hash()
    count = len(lines)

    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        order=st.permutations(range(count)),
        junk=st.lists(st.tuples(st.integers(0, count), st.sampled_from(JUNK)), max_size=5),
        batch=st.integers(min_value=1, max_value=count),
        cuts=st.lists(st.integers(min_value=1, max_value=count - 1), max_size=3),
    )
    def delivered(order, junk, batch, cuts):
        stream = [lines[index] for index in order]
        for position, line in sorted(junk, reverse=True):
            stream.insert(position, line)
        bounds = [0, *sorted(set(cuts)), len(stream)]
        with transaction.atomic():
            wipe_node()
            invalid = 0
            for start, end in itertools.pairwise(bounds):  # several pushes
                receiver = Receiver(net=net, batch_entries=batch)
                for number, raw in enumerate(stream[start:end], start=1):
                    receiver.take(number, raw)
                invalid += receiver.finish().invalid_count
            assert invalid == len(junk)
            assert state_hash() == reference
            transaction.set_rollback(True)

    delivered()

