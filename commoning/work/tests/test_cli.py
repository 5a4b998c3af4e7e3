"""`commoning work board|reputation` print what the pages show."""

from typer.testing import CliRunner

from commoning.work import actions
from commoning.work.cli import work_app
from commoning.work.tests.helpers import member_id, rules_led_commons


def test_it_prints_the_board_and_a_reputation(alice, bob, carol, dave):
    commons = rules_led_commons(alice)
    task = actions.create_task(alice, commons.id, title="Sand the frame", kind="testing")
    contribution = actions.record_contribution(
        bob, commons.id, kind="testing", effort_minutes=40, description="Sanded", task=task.id
    )
    actions.validate(carol, contribution.id, verdict="approve")
    actions.validate(dave, contribution.id, verdict="approve")
    runner = CliRunner()
    board = runner.invoke(work_app, ["board", commons.id])
    assert board.exit_code == 0, board.output
    assert "Sand the frame" in board.output
    assert "done" in board.output
    reputation = runner.invoke(work_app, ["reputation", member_id(bob)])
    assert "1 validated contributions, 40 minutes" in reputation.output
