"""bench/big_log.py builds its node through the checked ingest: every generated entry is
applied (the script refuses to finish otherwise), the bench login can sign in, and a second
call with the same sizes reuses the node instead of generating it again. Run at a tiny size,
so the benchmark's generator keeps up with the rules it feeds."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "bench" / "big_log.py"


def big_log(cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BENCH), "60", "--members", "12", "--commons", "3",
         "--cache", str(cache)],
        capture_output=True, text=True, timeout=300, check=False,
    )


def test_it_builds_a_whole_node_once_and_then_reuses_it(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    made = big_log(tmp_path)
    assert made.returncode == 0, made.stderr
    (home,) = tmp_path.iterdir()
    meta = json.loads((home / "big-log.json").read_text())
    # 2 (genesis, the operator's admission) + 2 per member + a commons each + 60
    # contributions + their tasks and validations.
    assert meta["entries"] >= 2 + 2 * 12 + 3 + 60
    assert len(meta["commons"]) == 3 and len(meta["contributions"]) == 60
    assert meta["database_bytes"] >= (home / "commoning.sqlite3").stat().st_size > 0
    again = big_log(tmp_path)
    assert again.returncode == 0, again.stderr
    assert "reusing the generated log" in again.stderr + again.stdout
