"""Computing the state hash holds a bounded run of rows, not the whole table: at ten times the
rows, the peak of memory grows far less than ten times."""

import tracemalloc

from commoning.log.models import Network
from commoning.log.state_hash import state_hash
from commoning.log.tests.oracle import state_hash_in_memory

RUN_ROWS = 500


def _networks(count: int, start: int = 0) -> None:
    # Network rows are a projection with no foreign keys: the cheapest rows to make by the
    # thousand. Written directly: this measures the digest, not the log.
    Network.objects.bulk_create(
        [Network(id=f"{number:064x}", name=f"Network {number}", founder_key="a" * 64,
                 created_ts=number) for number in range(start, start + count)],
        batch_size=2000,
    )


def _peak_bytes() -> int:
    tracemalloc.start()
    try:
        state_hash(run_rows=RUN_ROWS)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_ten_times_the_rows_cost_far_less_than_ten_times_the_memory(db):
    _networks(3_000)
    small = _peak_bytes()
    _networks(27_000, start=3_000)
    large = _peak_bytes()
    assert large < 3 * small, (small, large)
    # And the digest is still the one an in-memory sort gives.
    assert state_hash(run_rows=RUN_ROWS) == state_hash_in_memory()
