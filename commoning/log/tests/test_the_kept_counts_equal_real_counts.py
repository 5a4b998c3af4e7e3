"""The counts pages show (entries, parked, members, commons) are kept by triggers where rows are
stored; after any mix of operations, and after a rebuild, each equals a real COUNT."""

from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from commoning.accounts.models import Member
from commoning.commons.actions import create_commons
from commoning.commons.models import Commons
from commoning.log import counters
from commoning.log.models import Entry, LogCounter, ParkedEntry
from commoning.log.projection import rebuild
from commoning.log.tests.kit import ingest, key_of, next_entry
from commoning.testing import make_member

OPERATIONS = st.sampled_from(["commons", "member", "park", "unpark", "rebuild"])


def real_counts(net: str) -> dict:
    return {
        "entries": Entry.objects.filter(net=net).count(),
        "parked": ParkedEntry.objects.filter(net=net).count(),
        "members": Member.objects.filter(net=net).count(),
        "commons": Commons.objects.filter(net=net).count(),
    }


class Run:
    """Operations on one node; parked profile chains wait for their first entry."""

    def __init__(self, net, alice):
        self.net, self.alice = net, alice
        self.waiting = []  # first entries held back, whose successors are parked
        self.members = 0

    def do(self, operation: str) -> None:
        if operation == "commons":
            create_commons(self.alice, name=f"Commons {self.members}", licence="CC0-1.0")
        elif operation == "member":
            self.members += 1
            make_member(self.net, f"member{self.members}", f"Member {self.members}")
        elif operation == "park":
            # A member of its own per chain: two chains held back on one feed would fork it.
            self.members += 1
            parker = make_member(self.net, f"member{self.members}", f"Member {self.members}")
            key = key_of(parker)
            first = next_entry(key, self.net, "accounts.profile", {"name": "Parker A"})
            second = next_entry(key, self.net, "accounts.profile", {"name": "Parker B"},
                                after=first)
            assert ingest(second) == {"parked": 1}
            self.waiting.append(first)
        elif operation == "unpark" and self.waiting:
            ingest(self.waiting.pop(0))
        elif operation == "rebuild":
            rebuild()


@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          database=None)
@given(operations=st.lists(OPERATIONS, min_size=1, max_size=6))
def test_after_any_operations_each_kept_count_equals_a_real_count(net, alice, operations):
    savepoint = transaction.savepoint()
    try:
        run = Run(net, alice)
        for operation in operations:
            run.do(operation)
            assert counters.counts(net) == real_counts(net), operation
    finally:
        transaction.savepoint_rollback(savepoint)


def test_a_rebuild_puts_a_wrong_count_right(net, alice):
    create_commons(alice, name="Seed library", licence="CC0-1.0")
    LogCounter.objects.filter(net=net, name="entries").update(value=12345)
    LogCounter.objects.filter(net=net, name="commons").delete()
    rebuild()
    assert counters.counts(net) == real_counts(net)
    assert counters.counts(net)["commons"] == 1


def test_counts_are_kept_apart_per_network(net, alice):
    from commoning.testing import make_network

    other = make_network("Other Valley")
    create_commons(alice, name="Seed library", licence="CC0-1.0")
    assert counters.counts(net) == real_counts(net)
    assert counters.counts(other) == real_counts(other)
    assert counters.counts(other)["commons"] == 0 < counters.counts(net)["commons"]


def test_the_doctor_shows_a_kept_count_that_drifted(net, alice):
    from commoning.log.doctor import report

    assert report(net).counter_drift == {}
    LogCounter.objects.filter(net=net, name="members").update(value=99)
    assert report(net).counter_drift == {"members": (99, real_counts(net)["members"])}
