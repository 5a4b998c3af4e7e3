"""`commoning search QUERY` prints what the search page shows; a refused query exits non-zero."""

from typer.testing import CliRunner

from commoning.cli.main import app
from commoning.search.tests.kit import small_world


def test_it_prints_results_and_exits_non_zero_when_nothing_is_found(net, alice, bob):
    small_world(alice, bob)
    runner = CliRunner()
    found = runner.invoke(app, ["search", "plywood"])
    assert found.exit_code == 0, found.output
    assert "Hand Loom" in found.output and "Commons" in found.output
    assert "<mark>" not in found.output
    nothing = runner.invoke(app, ["search", "zeppelin"])
    assert nothing.exit_code == 1 and "Nothing found" in nothing.output
    refused = runner.invoke(app, ["search", "x" * 300])
    assert refused.exit_code == 2 and "at most 200 characters" in refused.output
