"""`commoning association show|members|found` print what the page shows and found through the
action (refused for a login that is no operator)."""

import json

from typer.testing import CliRunner

from commoning.accounts.access import account_for
from commoning.association.cli import association_app
from commoning.association.testing import make_association


def test_it_shows_the_association_and_pages_its_members(net, alice, bob, carol):
    make_association(net, alice, members=(carol,), stewards=(alice,), tellers=(bob,))
    runner = CliRunner()
    shown = runner.invoke(association_app, ["show", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["stewards"] == [account_for(alice).member_id]
    listed = runner.invoke(association_app, ["members", "--limit", "2"])
    assert listed.exit_code == 0, listed.output
    assert "steward" in listed.output or "teller" in listed.output
    assert "--after" in listed.output


def test_founding_by_a_login_that_is_no_operator_is_refused(net, alice, bob):
    runner = CliRunner()
    refused = runner.invoke(association_app, ["found", "Valley", "--founder", "bob"])
    assert refused.exit_code == 2
    assert "operator" in refused.output
    assert runner.invoke(association_app, ["show"]).exit_code == 1
