"""Real node processes for the multi-node sync tests: each a `commoning serve` on 127.0.0.1 with
its own COMMONING_HOME and its own SQLite database, driven through its CLI and web forms."""

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson

STARTUP_SECONDS = 90
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = "correct-horse-battery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Node:
    """One node: its home, its port, its server process (when running) and its CLI."""

    def __init__(self, name: str, home: Path):
        self.name = name
        self.home = home
        self.port = free_port()
        self.process = None
        self.browsers: list[httpx.Client] = []
        # A wide console, so the CLI's messages are not wrapped across lines.
        # Nodes on 127.0.0.1 sync with each other, so these test nodes allow private peers; the
        # test polls the state hash more often than the public rate allows.
        self.env = {**os.environ, "COMMONING_HOME": str(home), "COMMONING_DEBUG": "0",
                    "COLUMNS": "400", "COMMONING_ALLOW_PRIVATE_PEERS": "1",
                    "COMMONING_STATE_HASH_BURST": "100000"}
        # Each node keeps its own SQLite database and secrets inside its home.
        for inherited in ("DATABASE_URL", "COMMONING_TEST_DB_NAME", "COMMONING_SECRET_KEY",
                          "COMMONING_KEYSTORE_SECRET", "DJANGO_SETTINGS_MODULE"):
            self.env.pop(inherited, None)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-m", "commoning.cli.main", *map(str, args)],
            env=self.env, capture_output=True, timeout=180, check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(
                f"{self.name}: commoning {' '.join(map(str, args))} exited {done.returncode}\n"
                f"{done.stdout.decode()}\n{done.stderr.decode()}"
            )
        return done

    def start(self, *extra) -> None:
        # Two workers, whatever the machine's cores: the sync tests run against the
        # multi-process server nodes run by default, at a bounded cost on big CI machines.
        if "--workers" not in extra:
            extra = ("--workers", "2", *extra)
        with (self.home / "serve.log").open("ab") as log:  # the child keeps its own handle
            self.process = subprocess.Popen(
                [sys.executable, "-m", "commoning.cli.main", "serve", "--port", str(self.port),
                 *map(str, extra)],
                env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited:\n{self.log()}")
            try:
                if httpx.get(self.url + "/login/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{self.name} did not start:\n{self.log()}")

    def close(self) -> None:
        self.stop()
        for browser in self.browsers:
            browser.close()
        self.browsers = []

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def pids(self) -> list[int]:
        """The server's processes: the node process and its workers (Linux /proc)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [pid, *map(int, children)]

    def log(self) -> str:
        path = self.home / "serve.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def pair_with(self, other: "Node") -> None:
        """The operators pair the nodes: `other` makes a code, this node enters it."""
        code = other.cli("peers", "pair-code").stdout.decode().strip()
        self.cli("peers", "pair", other.url, code)

    # -- what every node can be asked -----------------------------------------------------------
    def state_hash(self) -> str:
        """The node's digest of the log as it stands: the endpoint answers at once and says
        whether its digest is fresh, computing a new one in the background, so ask again."""
        deadline = time.monotonic() + 30
        while True:
            body = httpx.get(self.url + "/api/log/state-hash", timeout=30).json()
            if body["fresh"] or time.monotonic() > deadline:
                return body["state_hash"]
            time.sleep(0.05)

    def operator_key(self) -> str:
        """The key a member must admit before this node can sign people up (if it joined)."""
        return self.cli("operator-key").stdout.decode().strip().splitlines()[-1]

    def entry_ids(self) -> set:
        """Every entry id in the node's log (read from its own export, not through sync)."""
        out = self.cli("log", "export").stdout
        ids = set()
        for line in out.splitlines():
            if line.strip():
                ids.add(hashlib.sha256(orjson.loads(line)["payload"].encode()).hexdigest())
        return ids

    def commons_names(self) -> set:
        items = httpx.get(self.url + "/api/commons?limit=100", timeout=30).json()["items"]
        return {item["name"] for item in items}

    # -- members act through the web forms ---------------------------------------------------
    def sign_up(self, username: str, display_name: str) -> httpx.Client:
        browser = httpx.Client(base_url=self.url, timeout=30)
        self.browsers.append(browser)
        self.submit(browser, "/signup/", {"username": username, "display_name": display_name,
                                          "password": PASSWORD})
        return browser

    @staticmethod
    def submit(browser: httpx.Client, path: str, fields: dict) -> httpx.Response:
        page = browser.get(path)
        token = CSRF_INPUT.search(page.text)
        assert token, f"no form at {path}: {page.status_code}"
        answer = browser.post(path, data={"csrfmiddlewaretoken": token.group(1), **fields})
        answered = f"{path} answered {answer.status_code}: {answer.text}"
        assert answer.status_code in (302, 303), answered
        return answer
