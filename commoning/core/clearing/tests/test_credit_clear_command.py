"""`commoning credit clear FILE.csv [--json]` runs in a subprocess with an empty environment,
no node and no database: it prints the totals and whether the certificate checks, prints the
stated JSON shape, refuses a bad file with its line number and exit code 2, and falls back to
networkx where OR-Tools (and numpy) cannot be imported, without ever importing Django."""

import json
import subprocess
import sys

import pytest

TRIANGLE = "id,debtor,creditor,amount\nt1,alice,bob,10\nt2,bob,carol,7\nt3,carol,alice,12\n"

# Runs the command with Django always blocked, and OR-Tools and numpy too when asked.
BLOCKING_RUNNER = """
import sys
blocked = ["django"] + (["ortools", "numpy"] if sys.argv[1] == "no-ortools" else [])
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ImportError("blocked in this test: " + name)
sys.meta_path.insert(0, Block())
from commoning.cli.main import app
app(sys.argv[2:], prog_name="commoning")
"""


def run(*arguments: str, blocking: str | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", BLOCKING_RUNNER, blocking] if blocking \
        else [sys.executable, "-m", "commoning.cli.main"]
    return subprocess.run([*command, "credit", "clear", *arguments], env={},
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def triangle_file(tmp_path):
    path = tmp_path / "obligations.csv"
    path.write_text(TRIANGLE)
    return path


def test_it_prints_total_cleared_remaining_and_that_the_certificate_checks(triangle_file):
    result = run(str(triangle_file))
    assert result.returncode == 0, result.stderr
    assert "total:        29" in result.stdout
    assert "cleared:      21" in result.stdout
    assert "remaining:    8" in result.stdout
    assert "certificate:  checks" in result.stdout


def test_it_prints_exactly_the_json_shape(triangle_file):
    result = run(str(triangle_file), "--json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert list(printed) == ["total", "cleared", "remaining", "certificate_ok", "set_off"]
    assert printed == {"total": 29, "cleared": 21, "remaining": 8, "certificate_ok": True,
                       "set_off": {"t1": 7, "t2": 7, "t3": 7}}


def test_it_refuses_a_bad_row_with_its_line_number_and_exit_code_2(tmp_path):
    path = tmp_path / "obligations.csv"
    path.write_text(TRIANGLE + "t4,dan,erin,12.50\n")
    result = run(str(path), "--json")
    assert result.returncode == 2
    assert "line 5" in result.stderr
    assert "whole number" in result.stderr
    assert result.stdout == ""


def test_it_refuses_a_missing_file_and_an_unknown_solver_with_exit_code_2(triangle_file):
    assert run(str(triangle_file.with_name("absent.csv"))).returncode == 2
    result = run(str(triangle_file), "--solver", "simplex")
    assert result.returncode == 2
    assert "--solver" in result.stderr


@pytest.mark.parametrize("blocking", ["django", "no-ortools"])
def test_it_never_imports_django_and_falls_back_to_networkx_without_ortools(
    triangle_file, blocking
):
    result = run(str(triangle_file), blocking=blocking)
    assert result.returncode == 0, result.stderr
    solver = "networkx" if blocking == "no-ortools" else "ortools"
    assert f"certificate:  checks (solver: {solver})" in result.stdout
    assert "cleared:      21" in result.stdout


def test_it_says_so_when_ortools_is_asked_for_but_cannot_be_imported(triangle_file):
    result = run(str(triangle_file), "--solver", "ortools", blocking="no-ortools")
    assert result.returncode == 2
    assert "OR-Tools cannot be imported" in result.stderr
