"""`commoning decide tally FILE` prints the outcome the functions give, in a process with an
empty environment (no COMMONING_HOME, no settings) and Django unimportable; bad files are one
line on standard error and exit status 2."""

import json
import subprocess
import sys
from pathlib import Path

from commoning.core import limits
from commoning.core.voting.tally import tally_bytes

COMMONING = Path(sys.executable).parent / "commoning"
DJANGO_BLOCKED = """
import sys
class BlockDjango:
    def find_spec(self, name, path=None, target=None):
        if name == "django" or name.startswith("django."):
            raise ImportError("the tally imported " + name)
sys.meta_path.insert(0, BlockDjango())
from commoning.cli.main import app
app(["decide", "tally", sys.argv[1]])
"""
DECISION = {"method": "stv", "options": ["ana", "ben", "cai", "dee"], "seats": 2,
            "electorate": 9, "quorum": 5,
            "ballots": [{"voter": f"m{i}", "ranking": ranking} for i, ranking in enumerate(
                [["ana", "ben"], ["ana", "cai"], ["ana"], ["ben", "ana"], ["cai", "dee"],
                 ["dee", "cai"], ["dee"], []])]}


def run(*args, cwd):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env={},
                          cwd=cwd, check=False)


def test_it_prints_the_outcome_of_the_tally_functions(tmp_path):
    file = tmp_path / "decision.json"
    file.write_text(json.dumps(DECISION))
    result = run(str(COMMONING), "decide", "tally", str(file), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == tally_bytes(file.read_bytes())
    assert set(printed) == {"winners", "passed", "quorum_reached", "counts", "rounds", "digest"}
    assert printed["winners"] == ["ana", "dee"]


def test_it_never_imports_django(tmp_path):
    file = tmp_path / "decision.json"
    file.write_text(json.dumps(DECISION))
    result = run(sys.executable, "-c", DJANGO_BLOCKED, str(file), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["digest"] == tally_bytes(file.read_bytes())["digest"]


def test_it_refuses_a_malformed_file_in_one_line(tmp_path):
    file = tmp_path / "decision.json"
    for content in ['{"method": "irv", "options": ["a"], ', '{"method": "dice"}',
                    json.dumps({**DECISION, "ballots": [{"voter": "x", "ranking": ["zed"]}]})]:
        file.write_text(content)
        result = run(str(COMMONING), "decide", "tally", str(file), cwd=tmp_path)
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr.startswith("error: ")
        assert result.stderr.count("\n") == 1


def test_it_refuses_a_file_over_the_size_limit_without_reading_it_all(tmp_path):
    file = tmp_path / "decision.json"
    with file.open("wb") as handle:
        handle.truncate(limits.MAX_DECISION_FILE_BYTES + 1)  # sparse: costs no disk
    result = run(str(COMMONING), "decide", "tally", str(file), cwd=tmp_path)
    assert result.returncode == 2
    assert "larger than" in result.stderr


def test_it_refuses_a_missing_file(tmp_path):
    result = run(str(COMMONING), "decide", "tally", str(tmp_path / "none.json"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot read")
