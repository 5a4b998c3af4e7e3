"""Writers in several processes, several threads each, record through the API at once against
one database (a file SQLite database; with DATABASE_URL, a PostgreSQL database of its own):
every entry is stored once, every feed's seq/prev chain is intact, refusals in shared groups
stored nothing, and the projections equal a rebuild's (same state hash). Threads of one process
share group-commit transactions; processes take turns on the database's write lock."""

import json
import os
import subprocess
import sys

import pytest

PROCESSES = 2
THREADS = 3
PER_THREAD = 4  # the fourth refused by the action: 3 stored per thread
MEMBERS = 3  # tokens dealt in turn: threads of one process and of two append to one feed


def _step(home, *args):
    environment = {
        **os.environ,
        "COMMONING_HOME": str(home),
        "DJANGO_SETTINGS_MODULE": "commoning.settings",
        "COMMONING_NEWCOMER_DAYS": "0",  # the members are new: no newcomer limit here
        "COMMONING_WRITE_BURST": "1000",
    }
    environment.pop("DATABASE_URL", None)  # one file SQLite database, shared by the processes
    if _postgres_url():
        environment["DATABASE_URL"] = _postgres_url()
    return subprocess.Popen(
        [sys.executable, "-m", "commoning.log.tests.concurrent_writers", *args],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _result(process, timeout=120):
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def _postgres_url() -> str | None:
    """With DATABASE_URL (PostgreSQL), the processes share a database named after the test
    database with `_writers` added: never the test run's own, which they could not see."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    base, _slash, name = url.rpartition("/")
    return f"{base}/{name.split('?')[0] or 'commoning'}_writers"


def _recreate_postgres_database(url: str) -> None:
    import psycopg

    base, _slash, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    if _postgres_url():
        _recreate_postgres_database(_postgres_url())
    home = tmp_path_factory.mktemp("writers")
    made = _result(_step(home, "setup", str(MEMBERS), str(PROCESSES * THREADS + 4)))
    return home, made["commons"], made["tokens"]


def test_it_stores_every_write_once_with_whole_chains_and_a_rebuild_agrees(node):
    home, commons, tokens = node
    writers = [
        _step(home, "write", commons, str(PER_THREAD),
              *tokens[process * THREADS:(process + 1) * THREADS])
        for process in range(PROCESSES)
    ]
    results = [_result(writer) for writer in writers]
    assert [result["failures"] for result in results] == [[]] * PROCESSES
    stored = [entry_id for result in results for entry_id in result["stored"]]
    assert sum(result["refused"] for result in results) == PROCESSES * THREADS
    assert len(stored) == PROCESSES * THREADS * 3
    checked = _result(_step(home, "check"))
    assert sorted(checked["contributions"]) == sorted(stored)  # each once, nothing refused
    assert checked["unique_ids"] == checked["entries"]
    assert checked["broken_chains"] == []
    assert checked["hash_served"] == checked["hash_rebuilt"]


def test_actions_queued_while_a_group_runs_share_the_next_transaction(node):
    home, commons, tokens = node
    result = _result(_step(home, "group", commons, *tokens[-4:]))
    assert result["statuses"] == [201] * 4
    assert result["largest_group"] == 3
    assert result["groups"] == 2
