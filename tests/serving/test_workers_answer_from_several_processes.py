"""`serve --workers 2` runs two worker processes under one parent, and both answer requests:
the kernel hands new connections to whichever worker accepts first."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.serving.conftest import workers_of

pytestmark = pytest.mark.slow


def test_it_answers_from_two_worker_processes(serve):
    server = serve("--workers", "2")
    workers = workers_of(server.process.pid)
    assert len(workers) == 2
    seen = set()
    with ThreadPoolExecutor(8) as pool:
        for _ in range(20):  # rounds of concurrent requests, each on a new connection
            seen |= set(pool.map(lambda _: server.worker_pid(), range(8)))
            if seen == workers:
                break
    assert seen == workers


def test_one_worker_serves_from_the_node_process_itself(serve):
    server = serve("--workers", "1")
    assert workers_of(server.process.pid) == set()
    assert server.worker_pid() == server.process.pid
