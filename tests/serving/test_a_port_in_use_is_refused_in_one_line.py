"""Serving on a port another program holds fails at once, in one line with a hint and exit
status 2, not with a traceback."""

import socket
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_it_says_the_port_is_in_use_and_exits_2(node_home, monkeypatch, command):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("COMMONING_HOME", str(node_home))
        monkeypatch.setenv("COLUMNS", "400")
        monkeypatch.delenv("DATABASE_URL", raising=False)
        done = subprocess.run(
            [sys.executable, "-m", "commoning.cli.main", command, "--port", str(port)],
            capture_output=True, timeout=120, check=False,
        )
    said = done.stderr.decode() + done.stdout.decode()
    assert done.returncode == 2
    assert f"Port {port} on 127.0.0.1 is already in use" in said
    assert "--port" in said
    assert "Traceback" not in said
    assert "Demo network ready" not in said  # demo says so before it seeds
