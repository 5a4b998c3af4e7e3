"""`commoning work board|reputation` with an id that names nothing says so on stderr and exits 1
(never an empty table); its tables fold long values to fit a 60-column terminal, losing none."""

import pytest
from typer.testing import CliRunner

from commoning.work import actions
from commoning.work.cli import work_app
from commoning.work.tests.helpers import rules_led_commons

NOBODY = "ab" * 32


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", ["board", "reputation"])
def test_it_refuses_an_unknown_id_on_stderr_with_exit_1(runner, alice, command):
    rules_led_commons(alice)
    done = runner.invoke(work_app, [command, NOBODY])
    assert done.exit_code == 1
    assert NOBODY in done.stderr
    assert done.stdout == ""


def test_it_folds_the_board_into_60_columns(runner, alice, monkeypatch):
    commons = rules_led_commons(alice)
    title = "Calibrate_every_soil_moisture_probe_against_the_reference_sample_batch"
    actions.create_task(alice, commons.id, title=title, kind="code")
    monkeypatch.setenv("COLUMNS", "60")
    done = runner.invoke(work_app, ["board", commons.id])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 60
    # Folded, not cut: the title's characters are all there, in order, across lines.
    folded = "".join(line.split("│")[2].strip() for line in lines if line.count("│") >= 4)
    assert title in folded
