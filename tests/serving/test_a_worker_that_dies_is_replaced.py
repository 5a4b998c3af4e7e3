"""A worker that dies (a crash, the kernel's out-of-memory killer) is replaced by a new one,
and the node keeps answering."""

import os
import signal

import pytest

from tests.serving.conftest import alive, wait_for, workers_of

pytestmark = pytest.mark.slow


def test_it_replaces_a_killed_worker(serve):
    server = serve("--workers", "2")
    before = workers_of(server.process.pid)
    killed = min(before)
    os.kill(killed, signal.SIGKILL)
    after = wait_for(lambda: (found := workers_of(server.process.pid)) - before
                     and len(found) == 2 and found, what="a replacement worker")
    assert killed not in after
    assert not alive(killed)
    assert server.worker_pid() in after
    assert "worker" in server.log() and "starting another" in server.log()
