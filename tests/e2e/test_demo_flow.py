"""The demo, end to end: a real `commoning demo` process, driven by Chromium.

A member logs in, starts a commons through the form and finds it on the commons list, once
with JavaScript (htmx boosts links and forms) and once without (plain HTML forms). The node
runs as its own process in a fresh COMMONING_HOME; when the test run uses PostgreSQL, the node
gets a fresh database of its own on the same server, dropped afterwards.

Chromium is required: a missing browser fails the test (it is never skipped), so a CI run
without one cannot pass silently. Set COMMONING_CHROMIUM to use a browser not on PATH.
"""

import os
import re
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
from playwright.sync_api import expect, sync_playwright

from commoning.demo import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

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


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_member_logs_in_starts_a_commons_and_finds_it_listed(node, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(30_000)
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    try:
        page.goto(node + "/")
        page.locator("header.top").get_by_role("link", name="Log in").click()
        page.wait_for_url(node + "/login/")
        page.fill("#id_username", "alice")
        page.fill("#id_password", DEMO_PASSWORD)
        page.locator("main").get_by_role("button", name="Log in").click()
        page.wait_for_url(node + "/")
        expect(page.locator("header.top")).to_contain_text("Alice Moreau")

        page.locator("main").get_by_role("link", name="Start a commons").click()
        page.wait_for_url(node + "/commons/new/")
        # A licence that is not SPDX is refused with a message, and the form keeps the input.
        page.fill("#id_name", "Hand Loom")
        page.fill("#id_licence", "Foo-1.0")
        page.get_by_role("button", name="Create commons").click()
        expect(page.locator(".field.has-error")).to_contain_text("not an SPDX licence")
        expect(page.locator("#id_name")).to_have_value("Hand Loom")

        name = f"Hand Loom {uuid.uuid4().hex[:8]} ({'js' if javascript else 'no js'})"
        page.fill("#id_name", name)
        page.fill("#id_licence", "CERN-OHL-S-2.0")
        page.fill("#id_description", "A floor loom anyone can build from plywood.")
        page.get_by_role("button", name="Create commons").click()
        page.wait_for_url(re.compile(r".*/commons/[0-9a-f]{64}/$"))
        expect(page.locator("main h1")).to_have_text(name)
        expect(page.locator("main")).to_contain_text("CERN-OHL-S-2.0")
        expect(page.locator(".messages")).to_contain_text("Commons created")

        page.locator("header.top").get_by_role("link", name="Commons", exact=True).click()
        page.wait_for_url(node + "/commons/")
        expect(page.locator(".commons-list")).to_contain_text(name)

        if javascript:
            # htmx narrows the list as one types, without a page load.
            page.fill("#q", name.split()[2])
            expect(page.locator(".commons-list > li")).to_have_count(1)
            expect(page.locator(".commons-list")).to_contain_text(name)
        assert script_errors == []
    finally:
        context.close()


def test_a_missing_chromium_fails_rather_than_skips(monkeypatch):
    monkeypatch.delenv("COMMONING_CHROMIUM", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="Chromium is needed"):
        chromium_path()
