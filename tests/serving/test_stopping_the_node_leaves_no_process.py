"""Stopping `serve` stops every worker: SIGTERM (a service manager) and SIGINT (Ctrl+C) end
the parent and its workers; a parent killed outright leaves workers that end by themselves."""

import signal

import pytest

from tests.serving.conftest import alive, wait_for, workers_of

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_it_leaves_no_process_after_a_stop_signal(serve, signal_number):
    server = serve("--workers", "2")
    workers = workers_of(server.process.pid)
    assert len(workers) == 2
    server.process.send_signal(signal_number)
    assert server.process.wait(timeout=20) == 0
    wait_for(lambda: not any(alive(pid) for pid in workers), what="the workers to end")


def test_its_workers_end_when_the_parent_is_killed(serve):
    server = serve("--workers", "2")
    workers = workers_of(server.process.pid)
    server.process.kill()  # SIGKILL: the parent cannot stop its workers itself
    server.process.wait(timeout=20)
    wait_for(lambda: not any(alive(pid) for pid in workers), what="the orphaned workers to end")
