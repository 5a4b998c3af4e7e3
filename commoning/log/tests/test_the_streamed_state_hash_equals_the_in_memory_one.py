"""The state hash streams each projection and sorts it outside memory; on any log it prints the
digest the first, in-memory computation printed (kept in oracle.py), so nodes of either version
still agree. Tiny runs force the spill to files and the merge."""

from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from commoning.commons.actions import create_commons
from commoning.log.state_hash import state_hash
from commoning.log.tests.oracle import state_hash_in_memory

# Names whose bytes sort differently from their text as a database would order it: a space or
# "!" (below the JSON quote), a quote, a backslash, accents, digits.
NAMES = st.text(alphabet=' !"\\aAzZ09éß-', min_size=1, max_size=12).filter(str.strip)


def test_an_empty_node_has_the_same_digest(db):
    assert state_hash(run_rows=1) == state_hash_in_memory()


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          database=None)
@given(names=st.lists(NAMES, min_size=1, max_size=6), run_rows=st.integers(1, 4))
def test_any_log_gives_the_same_digest_streamed_and_in_memory(alice, bob, names, run_rows):
    savepoint = transaction.savepoint()
    try:
        for number, name in enumerate(names):
            create_commons(alice if number % 2 else bob, name=name.strip(), licence="CC0-1.0")
        assert state_hash(run_rows=run_rows) == state_hash_in_memory()
    finally:
        transaction.savepoint_rollback(savepoint)


def test_one_networks_digest_is_the_same_too(net, alice):
    create_commons(alice, name="Seed library", licence="CC0-1.0")
    assert state_hash(net, run_rows=2) == state_hash_in_memory(net)
    assert state_hash(net, run_rows=2) != state_hash_in_memory("0" * 64)


def test_many_runs_merged_on_the_way_give_the_same_digest(net, alice, bob, monkeypatch):
    from commoning.log import state_hash as state_hashes

    monkeypatch.setattr(state_hashes, "MAX_RUNS", 3)  # a merge every few spills
    for number in range(4):
        create_commons(alice if number % 2 else bob, name=f"Commons {number}", licence="MIT")
    assert state_hash(run_rows=1) == state_hash_in_memory()
