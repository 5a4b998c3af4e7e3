"""Real `commoning serve` processes for the serving tests: a node home migrated once per
session, servers started on free ports, and their worker processes read from /proc."""

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.sync.nodes import free_port

STARTUP_SECONDS = 90


def workers_of(pid: int) -> set[int]:
    """The process ids of a server's workers: its children, as Linux lists them."""
    try:
        return {int(child) for child in
                Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except FileNotFoundError:
        return set()


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def wait_for(condition, seconds: float = 30, what: str = "the condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    """One `commoning serve` process on a free port."""

    def __init__(self, home: Path, *args: str):
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "COMMONING_HOME": str(home), "COMMONING_DEBUG": "0",
               "COMMONING_WORKER_HEADER": "1", "COLUMNS": "400"}
        for inherited in ("DATABASE_URL", "COMMONING_TEST_DB_NAME", "COMMONING_SECRET_KEY",
                          "COMMONING_KEYSTORE_SECRET", "DJANGO_SETTINGS_MODULE"):
            env.pop(inherited, None)
        self.log_path = home / f"serve-{self.port}.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "commoning.cli.main", "serve", "--port", str(self.port),
                 *args], env=env, stdout=log, stderr=subprocess.STDOUT)

    def wait_until_serving(self) -> "Server":
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited:\n{self.log()}")
            try:
                if httpx.get(self.url + "/login/", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"serve did not start:\n{self.log()}")

    def worker_pid(self) -> int:
        """The worker that answers a request on a new connection."""
        answer = httpx.get(self.url + "/login/", timeout=10)
        assert answer.status_code == 200
        return int(answer.headers["X-Commoning-Worker"])

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def node_home(tmp_path_factory) -> Path:
    """A home whose database is migrated once (the first serve of a home migrates it)."""
    home = tmp_path_factory.mktemp("served")
    server = Server(home, "--workers", "1").wait_until_serving()
    server.stop()
    return home


@pytest.fixture
def serve(node_home):
    """Start servers on the shared home; every one is stopped after the test."""
    started = []

    def start(*args: str) -> Server:
        server = Server(node_home, *args)
        started.append(server)
        return server.wait_until_serving()

    yield start
    for server in started:
        server.stop()
