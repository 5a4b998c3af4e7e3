"""`commoning budget tally FILE.pb` prints the greedy selection (or JSON with --json) with an
empty environment and no node; a bad file is one line on standard error and exit status 2."""

import json
import subprocess
import sys
from pathlib import Path

from commoning.core.budgeting.tests.test_pabulib_files_round_trip import PUBLISHED

COMMONING = Path(sys.executable).parent / "commoning"


def run(*args, cwd):
    return subprocess.run([str(COMMONING), *args], capture_output=True, text=True, timeout=120,
                          env={}, cwd=cwd, check=False)


def test_it_prints_the_selected_project_ids(tmp_path):
    (tmp_path / "park.pb").write_bytes(PUBLISHED)
    result = run("budget", "tally", "park.pb", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # 1 (3 approvals, 600) first; 10 and 2 tie at 2 approvals: 10 is cheaper (300) and fits;
    # 2 (500) no longer fits in the 100 left.
    assert result.stdout.split() == ["1", "10"]


def test_it_prints_the_whole_outcome_as_json(tmp_path):
    (tmp_path / "park.pb").write_bytes(PUBLISHED)
    result = run("budget", "tally", "park.pb", "--json", cwd=tmp_path)
    outcome = json.loads(result.stdout)
    assert outcome["selected"] == ["1", "10"]
    assert outcome["spent"] == 900
    assert outcome["approvals"] == {"1": 3, "2": 2, "10": 2}


def test_it_refuses_a_file_with_other_votes_in_one_line(tmp_path):
    (tmp_path / "ranked.pb").write_bytes(PUBLISHED.replace(b"approval", b"ordinal"))
    result = run("budget", "tally", "ranked.pb", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "error: vote_type is 'ordinal'; only approval votes are counted\n"
