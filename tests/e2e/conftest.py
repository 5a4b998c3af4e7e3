"""Shared plumbing of the browser tests: a real node process and Debian's Chromium.

`node` runs `commoning demo` in a fresh COMMONING_HOME (one node per test module); when the
run uses PostgreSQL the node gets a database of its own on the same server, dropped afterwards.
`browser` is the system Chromium driven by Playwright. A missing Chromium fails the test: it is
never skipped, so a CI run without a browser cannot pass silently. COMMONING_CHROMIUM may name
a browser that is not on PATH.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
STARTUP_SECONDS = 180  # migrations and the demo's password hashing, on a busy CI machine


def chromium_path() -> str:
    found = (
        os.environ.get("COMMONING_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not found:
        pytest.fail(
            "Chromium is needed for the browser tests: install it (Debian: apt install chromium) "
            "or set COMMONING_CHROMIUM to its path."
        )
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def commoning_command() -> list[str]:
    script = Path(sys.executable).parent / "commoning"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "commoning.cli.main"]


class FreshPostgres:
    """A database of its own for the node process, on the server the test run uses."""

    def __init__(self, url: str):
        self.url = url
        self.name = f"commoning_e2e_{uuid.uuid4().hex[:12]}"

    def _admin(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def create(self) -> str:
        with self._admin() as connection:
            connection.execute(f'CREATE DATABASE "{self.name}"')
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path="/" + self.name))

    def drop(self) -> None:
        with self._admin() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def wait_until_serving(process, base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the node exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            if httpx.get(base_url + "/login/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"the node did not answer within {STARTUP_SECONDS}s:\n{log_path.read_text()}")


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    """Base URL of a demo node running in its own process; stopped after the module."""
    home = tmp_path_factory.mktemp("node-home")
    env = {**os.environ, "COMMONING_HOME": str(home), "COMMONING_DEBUG": "0"}
    for inherited in ("COMMONING_SECRET_KEY", "COMMONING_KEYSTORE_SECRET"):
        env.pop(inherited, None)  # the node makes its own secrets in its fresh home
    database = None
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        database = FreshPostgres(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = database.create()
    else:
        env.pop("DATABASE_URL", None)  # SQLite inside the temporary home
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = home / "node.log"
    process = None
    try:
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [*commoning_command(), "demo", "--port", str(port)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            wait_until_serving(process, base_url, log_path)
            yield base_url
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
        if database is not None:
            database.drop()


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
